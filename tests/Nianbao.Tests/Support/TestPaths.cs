namespace Nianbao.Tests.Support;

/// <summary>Finds the repository and the shared material beside it (../shared), wherever tests run from.</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRoot();

    public static string Shared => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));
    public static string Seeds => Path.Combine(Shared, "seeds");
    public static string Corpus => Path.Combine(Shared, "corpus");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Nianbao.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Nianbao.slnx not found above " + AppContext.BaseDirectory);
    }

    public static string RequireSharedFile(params string[] parts)
    {
        var path = Path.Combine([Shared, .. parts]);
        if (!File.Exists(path)) throw new FileNotFoundException($"Test material missing: {path} (the shared/ folder must stand beside the repository).");
        return path;
    }
}
