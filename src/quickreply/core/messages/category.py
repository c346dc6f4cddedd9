"""Category edits refused (core/packs/categories.py): the editor's category tree shows them."""

MESSAGES: dict[str, tuple[str, str]] = {
    "category.name_empty": ("分类名不能为空", "a category name cannot be empty"),
    "category.name_slash": (
        "分类名里不能有“/”：要建子分类，请先选中上级分类再点“新建分类”",
        "a category name cannot contain '/': select the parent category, then add a sub-category",
    ),
    "category.exists": ("已经有分类“{path}”", "there is already a category '{path}'"),
    "category.rename_exists": (
        "已经有分类“{path}”：换一个名字，或把短语移过去后删除这个分类",
        "there is already a category '{path}': pick another name",
    ),
    "category.into_itself": ("不能把分类移到它自己或它的子分类里", "a category cannot move into itself"),
    "category.exists_there": ("目标位置已经有分类“{path}”", "there is already a category '{path}' there"),
}
