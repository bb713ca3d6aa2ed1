namespace Nianbao.Tests.Documents.Pdf;

/// <summary>The real published PDFs in the shared corpus (read in place, never copied into the repository).</summary>
public static class CorpusPdf
{
    public const string Directory = "/work/shared/corpus/binary";

    public static readonly string[] Names = ["huaian-hongze-2023.pdf", "huaian-hongze-2024.pdf", "huaian-2024.pdf"];

    public static TheoryData<string> All
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var n in Names) data.Add(n);
            return data;
        }
    }

    public static string PathOf(string name)
    {
        var path = System.IO.Path.Combine(Directory, name);
        if (!File.Exists(path)) Assert.Fail($"corpus file {path} is missing (the shared corpus must be mounted for the PDF tests)");
        return path;
    }
}
