"""Import and export: what an importer could not read, changed, simplified or skipped, and why.

`{where}` is the file and the row, match or combo ("shop.yml: :hy"). Codes under `import.skip_*` leave a
phrase out, `import.simplified_*` keep it with something lost, the rest are notes; `KINDS` in
core/importers/common.py says which is which for the import report.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    # -- the whole source cannot be imported ------------------------------------------------------------
    "import.no_such_file": ("{path}：文件不存在", "{path}: no such file"),
    "import.unknown_format": (
        "未知的导入格式“{fmt}”（可用：{formats}）",
        "unknown import format '{fmt}' (use one of {formats})",
    ),
    "import.undetected": (
        "{path}：无法确定格式（试过：{tried}）；请用 --format 指定格式（可用：{formats}），"
        "或在导入对话框中选择格式",
        "{path}: cannot tell which format this is (tried: {tried}); pick one with --format "
        "(one of {formats}) or in the import dialog's format list",
    ),
    "import.looks_like_code": (
        "{path}：看起来是 {what}，不是短语列表；如果确实要按纯文本导入，请用 --format text",
        "{path}: this looks like {what}, not a list of phrases; to import it as plain text anyway, "
        "use --format text",
    ),
    "import.old_xls": (
        "{path}：不支持旧版 .xls 表格；请在 Excel/WPS 中另存为 .xlsx 或 CSV",
        "{path}: old .xls workbooks are not supported; save it as .xlsx or CSV in Excel/WPS",
    ),
    "import.is_folder": (
        "{path}：这是一个文件夹；请选择导出的文件",
        "{path}: is a folder; give the exported file",
    ),
    "import.too_large": (
        "{path}：{mb} MB，对短语导出文件来说太大了",
        "{path}: {mb} MB is too large for a phrase export",
    ),
    "import.too_many_phrases": (
        "{source}：超过 {limit:,} 条短语（一个短语包的上限）；请把文件拆成几份分别导入",
        "{source}: more than {limit:,} phrases, the most one pack holds; split the file and import "
        "the parts one by one",
    ),
    "import.too_many_rows": (
        "{source}：超过 {limit:,} 行（含空行）；一个短语包最多 {phrases:,} 条短语。"
        "请删除多余的空行或把表格拆开",
        "{source}: more than {limit:,} rows (empty ones included), and a pack holds at most {phrases:,} "
        "phrases; delete the empty rows or split the sheet",
    ),
    "import.no_phrases": (
        "{source}：没有找到短语；请确认文件和格式是否正确",
        "{source}: no phrases found; check that this is the right file and format",
    ),
    "import.nothing_importable": (
        "{source}：没有可导入的短语：{count} 项都被跳过，例如：{example}",
        "{source}: nothing to import: all {count} entries were skipped, for example: {example}",
    ),
    "import.cancelled": ("已取消导入", "import cancelled"),
    "import.not_encoded": (
        "{source}：既不是 UTF-8 也不是 GBK/GB18030 文本；请用文本编辑器另存为 UTF-8（或从原软件重新导出）",
        "{source}: the file is neither UTF-8 nor GBK/GB18030 text; open it in a text editor and save it "
        "as UTF-8 (or export it again from the original tool)",
    ),
    "import.bad_bom": (
        "{source}：开头像 {codec}，但第 {byte} 个字节不是有效的 {codec}；文件已损坏或混用了编码，请重新导出",
        "{source}: starts like {codec} but byte {byte} is not valid {codec}; the file is damaged or "
        "mixes encodings — export it again",
    ),
    "import.bad_csv": (
        "{source}：无法按 CSV 读取（{reason}）；请从原软件重新导出",
        "{source}: not a readable CSV file ({reason}); export it again from the original tool",
    ),
    "import.needs_package": (
        "读取 {what} 需要 {package} 软件包（pip install {package}）",
        "reading {what} needs the {package} package (pip install {package})",
    ),
    "import.bad_xlsx": (
        "{path}：不是可读的 .xlsx 表格（{reason}）；请在 Excel 或 WPS 中打开并重新另存为 .xlsx",
        "{path}: not a readable .xlsx workbook ({reason}); open it in Excel or WPS and save it again "
        "as .xlsx",
    ),
    "import.bad_json": (
        "{source}：不是有效的 JSON（{reason}）；请重新导出",
        "{source}: not valid JSON ({reason}); export it again",
    ),
    "import.too_deep": (
        "{source}：嵌套层数过多（超过 {limit} 层），不像是短语导出文件；请重新导出",
        "{source}: nested more than {limit} levels deep, which no phrase export is; export it again",
    ),
    "import.not_beeftext": (
        "{source}：没有“combos”列表；这是 Beeftext 导出的组合文件吗？",
        "{source}: no 'combos' list; is this a Beeftext combo export?",
    ),
    "import.bad_yaml": (
        "{path}：不是有效的 YAML（{reason}）；请先在 espanso 中修正此文件",
        "{path}: not valid YAML ({reason}); fix the file in espanso first",
    ),
    "import.not_espanso": (
        "{path}：espanso 匹配文件应是包含“matches:”列表的映射",
        "{path}: an espanso match file holds a mapping with a 'matches:' list",
    ),
    "import.matches_not_list": (
        "{path}：“matches”必须是匹配项列表",
        "{path}: 'matches' must be a list of matches",
    ),
    "import.no_match_files": (
        "{path}：此文件夹中没有 .yml 或 .yaml 匹配文件",
        "{path}: no .yml or .yaml match files in this folder",
    ),
    "import.bad_plist": (
        "{source}：不是可读的 TextExpander 文件（{reason}）；请在 TextExpander 中重新导出",
        "{source}: not a readable TextExpander file ({reason}); export it again from TextExpander",
    ),
    "import.self_check": (
        "{source}：导入结果未通过短语包检查（{problem}）；这是 QuickReply 的错误，请报告并附上此文件",
        "{source}: the imported pack fails the pack check ({problem}); this is a QuickReply bug, please "
        "report it with the file",
    ),
    # -- a phrase was left out ---------------------------------------------------------------------------
    "import.skip_too_long": (
        "{where}：文本有 {length:,} 个字符，超过 {limit:,} 的上限；已跳过",
        "{where}: text is {length:,} characters, over the {limit:,} limit; skipped",
    ),
    "import.skip_empty": ("{where}：没有短语文本；已跳过", "{where}: no phrase text; skipped"),
    "import.skip_empty_row": ("{where}：空行，已跳过", "{where}: empty row skipped"),
    "import.skip_no_text": (
        "{where}：没有短语文本（编码“{code}”，分组“{group}”）；已跳过该行",
        "{where}: no phrase text (code '{code}', group '{group}'); row skipped",
    ),
    "import.skip_short_row": (
        "{where}：需要关键词和内容两列；已跳过该行",
        "{where}: needs keyword and snippet columns; row skipped",
    ),
    "import.skip_not_mapping": ("{where}：不是映射；已跳过", "{where}: not a mapping; skipped"),
    "import.skip_not_object": ("{where}：不是对象；已跳过", "{where}: is not an object; skipped"),
    "import.skip_nothing": (
        "{where}：{what}，没有可导入的内容；已跳过",
        "{where}: {what}, nothing to import; skipped",
    ),
    "import.skip_alias": (
        "{where}：字段“{field}”使用了 YAML 别名，可能展开成极大的文本；已跳过",
        "{where}: field '{field}' is a YAML alias, which can expand to an enormous text; skipped",
    ),
    "import.skip_only_variable": (
        "{where}：整条短语只是一个无法导入的 {kind} 变量 {written}；已跳过",
        "{where}: the phrase is only a {kind} variable {written}, which cannot be imported; skipped",
    ),
    "import.skip_duplicate": (
        "{where}：与 {first} 完全相同（编码和文本）；已跳过",
        "{where}: same code and text as {first}; skipped",
    ),
    "import.skip_bad_file": (
        "{path}：无法读取，已跳过此文件（{reason}）",
        "{path}: cannot be read, file skipped ({reason})",
    ),
    "import.underscore_file": (
        "{path}：以“_”开头的文件 espanso 只在被 imports 引用时才加载；已跳过",
        "{path}: espanso loads files starting with '_' only when imported; skipped",
    ),
    "import.md_not_under_heading": (
        "{where}：不在任何小标题下（文档说明或页脚），不是话术；已略过",
        "{where}: under no heading (the document's preface or footer), not a phrase; left out",
    ),
    "import.skip_ahk_no_text": (
        "{where}：这个热字串没有自己的文本（紧接着就是下一个热字串），已跳过",
        "{where}: a hotstring with no text of its own (the next hotstring follows at once); skipped",
    ),
    "import.skip_action": (
        "{where}：这是执行动作的热字串（X 选项或命令块），不是文本；已跳过",
        "{where}: a hotstring that runs an action (X option or a command block), not text; skipped",
    ),
    "import.ahk_code_skipped": (
        "{source}：跳过了 {count} 行 AutoHotkey 代码（指令、热键、命令），它们不是热字串",
        "{source}: {count} lines of AutoHotkey code (directives, hotkeys, commands) skipped; they are "
        "not hotstrings",
    ),
    "import.skip_not_text_snippet": (
        "{where}：{kind} 片段（脚本或图片），不是纯文本；已跳过",
        "{where}: a {kind} snippet (script or picture), not plain text; skipped",
    ),
    # -- a phrase was kept, simplified -------------------------------------------------------------------
    "import.simplified_regex": (
        "{where}：正则触发词“{regex}”无对应功能；导入时不带编码",
        "{where}: regex trigger '{regex}' has no equivalent; imported without a code",
    ),
    "import.simplified_markup": (
        "{where}：{kind} 文本按纯文本导入（保留标记）",
        "{where}: {kind} text imported as plain text with its markup",
    ),
    "import.simplified_rich_text": (
        "{where}：富文本片段按纯文本导入（格式丢失）",
        "{where}: rich-text snippet imported as plain text (formatting dropped)",
    ),
    "import.simplified_cursor": (
        "{where}：光标标记 {marker} 已删除（粘贴的文本在末尾结束）",
        "{where}: cursor marker {marker} removed (the pasted text ends where it ends)",
    ),
    "import.simplified_date": (
        "{where}：日期变量“{name}”（{fmt}）变为 {target}，使用 QuickReply 的格式",
        "{where}: date variable '{name}' ({fmt}) becomes {target} in QuickReply's format",
    ),
    "import.simplified_random": (
        "{where}：随机变量“{name}”变为由客服选择的 {target}",
        "{where}: random variable '{name}' becomes a choice {target} the agent picks",
    ),
    "import.simplified_variable": (
        "{where}：{kind} 变量“{name}”无法导入；保留为文本 {written}",
        "{where}: {kind} variable '{name}' cannot be imported; kept as text {written}",
    ),
    "import.simplified_form": (
        "{where}：表单变量“{name}”的字段变为空白项（{fields}）",
        "{where}: form variable '{name}' becomes blanks ({fields})",
    ),
    "import.simplified_beeftext_variable": (
        "{where}：变量 {written} 无对应功能；保留为文本",
        "{where}: variable {written} has no QuickReply equivalent; kept as literal text",
    ),
    "import.simplified_beeftext_date": (
        "{where}：{written} 变为 {target}（QuickReply 的日期/时间格式）",
        "{where}: {written} becomes {target} (QuickReply's date/time format)",
    ),
    "import.simplified_keys": (
        "{where}：按键 {keys} 无法粘贴；已删除（{{Enter}} 和 {{Tab}} 变为换行和制表符）",
        "{where}: keys {keys} cannot be pasted; removed ({{Enter}} and {{Tab}} become a line break "
        "and a tab)",
    ),
    "import.simplified_image": (
        "{where}：图片已略去，只导入文本",
        "{where}: picture left out; text imported",
    ),
    # -- notes -------------------------------------------------------------------------------------------
    "import.code_rewritten": (
        "{where}：编码“{raw}”改写为“{code}”（不能含空格或以“/”开头）",
        "{where}: code '{raw}' written as '{code}' (no spaces or leading '/')",
    ),
    "import.code_reused": (
        "{where}：编码“{code}”已在 {first} 使用；导入时不带编码",
        "{where}: code '{code}' was already used at {first}; imported without a code",
    ),
    "import.title_cut": (
        "{where}：标题超过 {limit} 个字符，已截短",
        "{where}: title longer than {limit} characters, shortened",
    ),
    "import.no_header": (
        "{source}：没有表头行“{header}”；按 编码、内容、分组 的顺序读取各列",
        "{source}: no header row '{header}'; reading the columns as code, text, group",
    ),
    "import.blocks": (
        "{source}：发现空行，因此每一段是一条短语（共 {count} 段）",
        "{source}: blank lines found, so each block of lines is one phrase ({count} blocks)",
    ),
    "import.disabled_combos": (
        "{source}：有 {count} 个组合在 Beeftext 中已停用；与其他组合一样导入",
        "{source}: {count} combos were disabled in Beeftext; imported like the others",
    ),
    "import.espanso_imports": (
        "{path}：imports 中的 {target} 不在所选文件夹内，未导入；请选择包含它的文件夹",
        "{path}: imports {target}, which is outside the chosen folder, so it was not imported; choose "
        "the folder that holds it",
    ),
    "import.match_not_found": (
        "{where}：引用的匹配项“{trigger}”未找到；保留为空白项",
        "{where}: the referenced match '{trigger}' was not found; kept as a blank",
    ),
    "import.md_note_left_out": (
        "{where}：代码块旁的说明文字（{text}），不是话术；已略过",
        "{where}: a note beside the fenced phrases ({text}), not a phrase; left out",
    ),
    "import.offer_blanks": (
        "找到 {count} 处 [变量] 写法（{distinct} 种，如 {examples}），保留原样；"
        "可以把它们变成空白项（如 {blank}），粘贴前填写",
        "{count} bracketed words found ({distinct} different, e.g. {examples}), kept as written; they can "
        "become blanks (such as {blank}) filled in before pasting",
    ),
    "import.offer_blanks_cli": (
        "要转换，请加 --blanks 重新导入",
        "to convert them, import again with --blanks",
    ),
    "import.blanks_option": (
        "把 [变量] 变成空白项 {{变量}}",
        "Turn [words] into blanks {{word}}",
    ),
    "import.brackets_to_blanks": (
        "{where}：[{name}] 变为空白项 {{{name}}}",
        "{where}: [{name}] becomes the blank {{{name}}}",
    ),
    "import.encoding_guessed": (
        "{source}：按 {encoding} 读取（自动检测）；请检查导入的文字是否正确",
        "{source}: read as {encoding} (detected); check that the text came out right",
    ),
    # -- exports -----------------------------------------------------------------------------------------
    "import.where.row": ("{source}: 第 {row} 行", "{source}: row {row}"),
    "import.where.match": ("{source}: 第 {index} 条 match", "{source}: match {index}"),
    "import.where.snippet": ("{source}: 第 {index} 条 snippet", "{source}: snippet {index}"),
    "import.where.combo": ("{source}: 第 {index} 条 combo", "{source}: combo {index}"),
    "import.where.combo_keyword": (
        "{source}: 第 {index} 条 combo '{keyword}'",
        "{source}: combo {index} '{keyword}'",
    ),
    "export.unknown_encoding": (
        "未知的编码“{encoding}”（可用：{known}）",
        "unknown encoding '{encoding}' (use one of {known})",
    ),
    "export.not_gbk": (
        "{count} 条短语含有 GBK 存不下的字符：{listed}{more}。"
        "请用 --encoding utf-8 导出（千牛和 Excel 都能读带 BOM 的 UTF-8），或去掉这些字符",
        "{count} phrases contain characters GBK cannot hold: {listed}{more}. Export with --encoding utf-8 "
        "(千牛 and Excel read UTF-8 with BOM), or remove those characters",
    ),
    "export.not_gbk_more": ("，另有 {count} 条", " and {count} more"),
    "export.blanks_literal": (
        "{count} 条短语含 {{空白项}}，千牛不会填写；它们保留为 {{城市}} 这样的文字，由客服手动修改：{ids}",
        "{count} phrases have {{blanks}}, which 千牛 does not fill in; they stay as literal text such as "
        "{{城市}} for the agent to edit: {ids}",
    ),
    "export.scripts_left_out": (
        "{count} 个话术流程未导出：千牛快捷短语没有流程",
        "{count} talk scripts left out: 千牛 quick phrases have no scripts",
    ),
    "export.formula_cells": (
        "{count} 个单元格以 = + - @ 或制表符开头，Excel/WPS 打开时可能当作公式执行：{ids}。"
        "要在 Excel 中打开，请使用“Excel 安全”选项（--excel-safe，在开头加 '）；导入千牛则无需此选项",
        "{count} cells start with = + - @ or a tab, which Excel/WPS may run as a formula: {ids}. "
        "To open the file in Excel, use the Excel-safe option (--excel-safe, which adds a leading '); "
        "for 千牛 itself it is not needed",
    ),
    "export.formula_cells_escaped": (
        "{count} 个以 = + - @ 或制表符开头的单元格已加上前导 '，Excel 会把它们当作文字：{ids}",
        "{count} cells starting with = + - @ or a tab were given a leading ' so Excel reads them as "
        "text: {ids}",
    ),
    # -- the import report -------------------------------------------------------------------------------
    "import.report_source": (
        "{source}：导入 {imported} 条，跳过 {skipped} 条，简化 {simplified} 条",
        "{source}: {imported} imported, {skipped} skipped, {simplified} simplified",
    ),
    "import.report_group": (
        "{message}（共 {count} 处，另有 {more} 处类似）",
        "{message} ({count} times, {more} more like it)",
    ),
    # -- merging an import into my phrases (core/importers/merge.py) -----------------------------------
    "import.merge_summary": (
        "新增 {added} 条，替换 {replaced} 条，跳过 {skipped} 条，两者都保留 {kept_both} 条",
        "{added} added, {replaced} replaced, {skipped} skipped, {kept_both} kept both",
    ),
    "import.merge_script_skipped": (
        "话术流程 '{script}' 已经存在，已跳过",
        "script '{script}' already exists; skipped",
    ),
    "import.merge_script_renamed": (
        "话术流程 '{script}' 已经存在，导入为 '{new_id}'",
        "script '{script}' already exists; imported as '{new_id}'",
    ),
    "import.merge_script_replaced": ("话术流程 '{script}' 已替换", "script '{script}' replaced"),
    "import.merge_placeholder_kept": (
        "填空项 '{name}' 在两边的定义不同，保留原有的定义",
        "placeholder '{name}' is declared differently in both; the existing one is kept",
    ),
}
