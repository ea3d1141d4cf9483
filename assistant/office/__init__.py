"""Word (.docx) and Excel (.xlsx) declarations: export in the Shanghai form's layout, import any layout."""
