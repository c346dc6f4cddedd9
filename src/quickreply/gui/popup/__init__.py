"""The search popup: type, pick with the keyboard, fill blanks inline; emits the finished pick.

The face: `window.Popup` (its `picked` signal carries a core.pick.Pick). Its pieces: `keys` (IME
composing and the keys that move in the list), `rows` (what an empty or typed query lists),
`result_list` (the rows with their match spans), `fill_form` (the fill-in form for blanks) and
`floating_window` (the frameless always-on-top window).
"""
