; 客服常用热字串 (AutoHotkey v1)
#NoEnv  ; Recommended for performance and compatibility with future AutoHotkey releases.
#SingleInstance Force
#Hotstring EndChars `n `t
SendMode Input
SetWorkingDir %A_ScriptDir%

; 欢迎语
::hy::亲，欢迎光临小鹿旗舰店，有什么可以帮您的吗？

; 发货时间
:*:fh::付款后48小时内发货，节假日顺延哦～ ; 内部备注：大促期间改为72小时

:c:btw::by the way
:*?:@@::kefu@example.com

; 退货地址（多行）
::thdz::
(
亲，退货请寄到：
浙江省杭州市余杭区某某路 88 号
收件人：售后组　电话：0571-00000000
)

; 催单
::cd::亲，已经帮您催促仓库了{Enter}有消息第一时间通知您{Left 3}

::time::
FormatTime, now,, HH:mm
SendInput %now%
return

:X:kf::Run, https://example.com/kefu
^!j::MsgBox, 这是一个热键
