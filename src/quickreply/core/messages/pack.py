"""Problems in a pack file (core/packs: load.py, items.py, scripts.py), for `pack check`, the editor and
the tray. `where` is "" or one of the `pack.where.*` prefixes; `key` is a `pack.key.*` name (see
`packs/items.key_name`); `type` a `pack.type.*` name."""

_RESAVE_ZH = "请另存为 UTF-8 编码（记事本：另存为 → 编码选 UTF-8）"
_RESAVE_EN = "re-save it as UTF-8 (in Notepad: Save As → Encoding UTF-8)"

MESSAGES: dict[str, tuple[str, str]] = {
    # -- the file as a whole --------------------------------------------------------------------------
    "pack.utf16": (
        "文件是 UTF-16 编码，不是 UTF-8；" + _RESAVE_ZH,
        "file is UTF-16, not UTF-8; " + _RESAVE_EN,
    ),
    "pack.not_utf8": (
        "文件不是 UTF-8 编码（字节 0x{byte}）；" + _RESAVE_ZH,
        "file is not UTF-8 (byte 0x{byte}); " + _RESAVE_EN,
    ),
    "pack.gbk": (
        "文件不是 UTF-8 编码，看起来是 GBK/GB18030；" + _RESAVE_ZH,
        "file is not UTF-8: it looks like GBK/GB18030; " + _RESAVE_EN,
    ),
    "pack.toml_syntax": ("TOML 格式错误：{detail}{where}{hint}", "TOML syntax error: {detail}{where}{hint}"),
    "pack.at_column": ("（第 {column} 列）", " (column {column})"),
    "pack.hint.key_quotes": (
        '；含中文的键名要加英文引号，例如 [placeholders."城市"]',
        '; a key with Chinese characters needs quotes, e.g. [placeholders."城市"]',
    ),
    "pack.hint.text_quotes": (
        '；文字要加英文引号：title = "..."（多行文字用 """...""" 括起来）',
        '; text needs quotes: title = "..." (use """...""" for several lines)',
    ),
    "pack.hint.written_twice": ("；同一个键或表写了两次", "; a key or table is written twice"),
    "pack.too_big": (
        "文件有 {size} MB，上限是 {limit} MB——请拆成几个文件",
        "file is {size} MB; the limit is {limit} MB — split it up",
    ),
    "pack.unreadable": ("无法读取文件：{reason}", "cannot read the file: {reason}"),
    "pack.folder_empty": ("文件夹里没有 .toml 短语包", "folder has no .toml packs"),
    "pack.no_such_path": ("没有这个文件或文件夹", "no such file or folder"),
    "pack.id_taken": (
        "短语包 ID“{id}”已被 {first} 使用，这个文件没有载入（每个短语包要有自己的 ID）",
        "pack id '{id}' is already used by {first}; this file is left out (give each pack its own id)",
    ),
    "pack.unknown_top_key": (
        "未知的键“{key}”，已忽略（可用的有：{known}）",
        "unknown key '{key}' ignored (known: {known})",
    ),
    "pack.phrases_not_tables": (
        "phrases 要写成 [[phrases]] 表",
        "'phrases' must be written as [[phrases]] tables",
    ),
    "pack.too_many_phrases": (
        "有 {count:,} 条短语，每个短语包最多 {limit:,} 条——请拆成几个文件",
        "{count:,} phrases; the limit is {limit:,} per pack — split it up",
    ),
    "pack.no_phrases": (
        "短语包里没有短语；请添加 [[phrases]] 表",
        "pack has no phrases; add [[phrases]] tables",
    ),
    "pack.synonyms_not_table": (
        '[synonyms] 要写成表："词" = ["同义词", ...]',
        '[synonyms] must be a table of "word" = ["other", ...]',
    ),
    "pack.synonyms_bad": (
        '[synonyms] 里的“{key}”要写成词的列表，例如 "{key}" = ["...", "..."]；已忽略',
        '[synonyms] {key!r} must be a list of words, such as "{key}" = ["...", "..."]; ignored',
    ),
    # -- [pack] ---------------------------------------------------------------------------------------
    "pack.missing_pack_table": (
        '缺少 [pack] 表：每个短语包都以 [pack] 开头，写上 id = "...", name = "...", version = "..."',
        'missing [pack] table: every pack starts with [pack] and id = "...", name = "...", version = "..."',
    ),
    "pack.pack_id_spaces": ("[pack] 表：ID“{id}”里不能有空格", "[pack] id '{id}' must not contain spaces"),
    "pack.categories_not_list": (
        '[pack] 表：categories 要写成文字列表，例如 categories = ["欢迎语", "售后/退换货"]',
        '[pack] categories must be a list of strings, e.g. categories = ["欢迎语", "售后/退换货"]',
    ),
    "pack.category_unused": (
        "分类“{category}”列在 [pack] 的 categories 里，但没有短语用它",
        "category '{category}' is listed in [pack] categories but no phrase uses it",
    ),
    # -- any table: keys ------------------------------------------------------------------------------
    "pack.unknown_key": (
        "{where}未知的键“{key}”，已忽略（可用的有：{known}）",
        "{where}unknown key '{key}' ignored (known: {known})",
    ),
    "pack.missing_key": ("{where}缺少必填的{key}", "{where}missing required key {key}"),
    "pack.key_empty": ("{where}{key}不能为空", "{where}{key} is empty"),
    "pack.not_string": (
        "{where}{key}要写成带英文引号的文字，现在是{type}",
        "{where}{key} must be a string in quotes, not {type}",
    ),
    "pack.too_long": (
        "{where}{key}有 {count:,} 个字，最多 {limit:,} 个",
        "{where}{key} is {count:,} characters; the limit is {limit:,}",
    ),
    "pack.where.pack": ("[pack] 表：", "[pack] "),
    "pack.where.placeholder": ("[placeholders.{name}] 表：", "[placeholders.{name}] "),
    "pack.where.step": ("第 {number} 步：", "step {number}: "),
    "pack.key.id": ("ID", "'id'"),
    "pack.key.name": ("名称（name）", "'name'"),
    "pack.key.version": ("版本（version）", "'version'"),
    "pack.key.author": ("作者（author）", "'author'"),
    "pack.key.description": ("说明（description）", "'description'"),
    "pack.key.title": ("标题", "'title'"),
    "pack.key.text": ("正文", "'text'"),
    "pack.key.category": ("分类", "'category'"),
    "pack.key.code": ("编码", "'code'"),
    "pack.key.tags": ("标签", "'tags'"),
    "pack.key.label": ("提示文字（label）", "'label'"),
    "pack.key.default": ("默认值（default）", "'default'"),
    "pack.key.steps": ("步骤（steps）", "'steps'"),
    "pack.key.other": ("键“{key}”", "'{key}'"),
    "pack.type.bool": ("true/false（是/否）", "true/false"),
    "pack.type.number": ("数字", "a number"),
    "pack.type.list": ("列表", "a list"),
    "pack.type.table": ("表", "a table"),
    "pack.type.date": ("日期/时间", "a date/time"),
    "pack.type.string": ("文字", "a string"),
    # -- phrases --------------------------------------------------------------------------------------
    "pack.phrase_not_table": (
        "phrases 的每一项都要写成 [[phrases]] 表",
        "each entry of 'phrases' must be a table ([[phrases]])",
    ),
    "pack.phrase_id_spaces": ("ID 里不能有空格", "id must not contain spaces"),
    "pack.duplicate_phrase": (
        "短语 ID 重复（第 {first} 行已经用过）；这条短语没有载入",
        "duplicate phrase id (first used at line {first}); this phrase is left out",
    ),
    "pack.category_empty_level": (
        "分类“{category}”有空的层级；层级之间只用一个斜杠，例如“售后/退换货”",
        "category '{category}' has an empty level; nest with single slashes, e.g. \"售后/退换货\"",
    ),
    "pack.tags_not_list": (
        '标签要写成非空文字的列表，例如 tags = ["发票", "售后"]',
        'tags must be a list of non-empty strings, e.g. tags = ["发票", "售后"]',
    ),
    "pack.code_spaces": (
        "编码“{code}”不能为空，也不能有空格",
        "code '{code}' must not be empty or contain spaces",
    ),
    "pack.code_slash": (
        "编码“{code}”不能以“/”开头（搜索时可以先打“/”）：请写成“{fix}”",
        "code '{code}' must not start with '/' (agents may type a '/' before a code); write code = \"{fix}\"",
    ),
    "pack.code_taken": (
        "编码“{code}”已被短语“{owner}”使用（编码不区分大小写，不能重复）；这条短语没有载入，请换一个编码",
        "code '{code}' is already used by phrase '{owner}' (codes are unique, ignoring case); "
        "this phrase is left out",
    ),
    "pack.code_also_used": (
        "编码“{code}”也被短语“{other}”使用——请改掉其中一个",
        "code '{code}' is also used by '{other}': change one of them",
    ),
    # -- placeholders ---------------------------------------------------------------------------------
    "pack.placeholders_not_tables": (
        "placeholders 要写成表：[placeholders.城市]，里面写 label、default、choices",
        "'placeholders' must be tables: [placeholders.city] with label, default, choices",
    ),
    "pack.placeholder_bad_name": (
        "{where}“{name}”不是有效的占位符名（只能用文字、数字和 _）",
        "{where}'{name}' is not a valid placeholder name (letters, digits and _)",
    ),
    "pack.placeholder_not_table": (
        "{where}要写成带 label、default、choices 的表，现在是{type}；"
        "用到 {{{name}}} 的短语会在没有提示文字的情况下询问它",
        "{where}must be a table with label, default and choices, not {type}; "
        "phrases using {{{name}}} will ask for it without a label",
    ),
    "pack.choices_not_list": (
        '{where}choices 要写成文字列表，例如 choices = ["顺丰", "中通"]',
        '{where}choices must be a list of strings, e.g. choices = ["顺丰", "中通"]',
    ),
    "pack.default_not_choice": (
        "{where}默认值“{default}”不在它的选项里",
        "{where}default '{default}' is not one of its choices",
    ),
    "pack.placeholder_unused": (
        "占位符“{name}”已声明，但没有短语用到 {{{name}}}",
        "placeholder '{name}' is declared but no phrase uses {{{name}}}",
    ),
    # -- scripts --------------------------------------------------------------------------------------
    "pack.scripts_not_tables": (
        "scripts 要写成 [[scripts]] 表",
        "'scripts' must be written as [[scripts]] tables",
    ),
    "pack.script_not_table": (
        "scripts 的每一项都要写成 [[scripts]] 表",
        "each entry of 'scripts' must be a table ([[scripts]])",
    ),
    "pack.duplicate_script": (
        "话术 ID 重复（第 {first} 行已经用过）；这个话术没有载入",
        "duplicate script id (first used at line {first}); this script is left out",
    ),
    "pack.steps_bad": (
        '话术至少要有一步：steps 写成短语 ID 或 {{text = "..."}} / {{phrase = "id"}} 这样的表的列表',
        'steps must be a non-empty list of phrase ids or tables such as {{text = "..."}} / {{phrase = "id"}}',
    ),
    "pack.step_not_table": (
        "第 {number} 步要写成短语 ID 或表，现在是{type}",
        "step {number} must be a phrase id or a table, not {type}",
    ),
    "pack.step_one_of": (
        '第 {number} 步要在 text = "..." 和 phrase = "id" 中二选一',
        'step {number} needs exactly one of text = "..." or phrase = "id"',
    ),
    "pack.step_text_empty": (
        "第 {number} 步的文字不能为空（要带英文引号）",
        "step {number}: text must be a non-empty string in quotes",
    ),
    "pack.step_phrase_bad": (
        "第 {number} 步：phrase 要写成带英文引号的短语 ID",
        "step {number}: phrase must be a phrase id in quotes",
    ),
    "pack.step_phrase_missing": (
        "第 {number} 步的短语“{phrase}”不在这个短语包里：请改选或删除这一步",
        "step {number} points to phrase '{phrase}', which is not in this pack",
    ),
    "pack.step_phrase_broken": (
        "第 {number} 步的短语“{phrase}”有错误，没有载入：请先改好它，或改选/删除这一步",
        "step {number} points to phrase '{phrase}', which has errors and was left out",
    ),
    "pack.in_step": ("第 {number} 步：{detail}", "step {number}: {detail}"),
}
