namespace ApiMigrator.Notebooks;

/// <summary>One cell of a notebook, with where its <c>source</c> value sits in the file's bytes.</summary>
/// <param name="Index">0-based position among all cells.</param>
/// <param name="CellType"><c>code</c>, <c>markdown</c>, <c>raw</c> ….</param>
/// <param name="Source">The cell's text (the list's lines joined, or the string).</param>
/// <param name="SourceStart">Byte offset of the <c>source</c> value (its <c>[</c> or opening quote).</param>
/// <param name="SourceEnd">Byte offset just past the value.</param>
/// <param name="IsList">The value is a list of lines (nbformat's usual form) rather than one string.</param>
/// <param name="Elements">For a list: each element's byte range (quotes included) and decoded text.</param>
internal sealed record NotebookCell(int Index, string CellType, string Source, int SourceStart, int SourceEnd, bool IsList,
    IReadOnlyList<(int Start, int End, string Text)> Elements);
