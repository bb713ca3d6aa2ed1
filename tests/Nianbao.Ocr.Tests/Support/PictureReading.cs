using Nianbao.Domain;

namespace Nianbao.Ocr.Tests.Support;

/// <summary>What a table read from pictures must come to: never a wrong number, at least 99% of the cells exact.</summary>
public static class PictureReading
{
    public static void AssertExactOrEmpty(Report truth, Report read)
    {
        int cells = 0, exact = 0;
        var wrong = new List<string>();
        foreach (var table in truth.Tables)
        {
            var got = read.Table(table.Kind);
            foreach (var (path, want) in table.Cells())
            {
                cells++;
                var value = got?[path];
                if (value == want) exact++;
                else if (value is not null) wrong.Add($"{path}: read {value}, printed {want?.ToString() ?? "blank"}");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.True(exact >= 0.99 * cells, $"only {exact} of {cells} cells read");
    }
}
