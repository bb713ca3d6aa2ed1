using System.Diagnostics;
using System.Text.Json;

namespace Nianbao.Cli.Tests;

/// <summary>What one run of the built <c>nianbao</c> gave: exit code, stdout and stderr.</summary>
public sealed record Run(int ExitCode, string Out, string Error)
{
    public JsonDocument Json() => JsonDocument.Parse(Out);
}

/// <summary>Runs the built nianbao.dll in a process of its own, as a user (or a script) does.</summary>
public static class Nianbao
{
    public static Run Exec(params string[] args) => ExecIn(null, null, args);

    /// <summary>With environment variables set (LANG, LC_ALL…; an empty value unsets one) and, optionally, another working directory.</summary>
    public static Run ExecIn(string? workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "nianbao.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        start.Environment["COLUMNS"] = "400"; // findings on one line each
        // The language of messages comes from the environment unless a test says otherwise.
        start.Environment.Remove("LC_ALL");
        start.Environment.Remove("LC_MESSAGES");
        start.Environment["LANG"] = "C.UTF-8";
        // An empty value unsets the variable (to run as on a machine where it is not set at all).
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
            if (v.Length == 0) start.Environment.Remove(k);
            else start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(180)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("nianbao did not finish in 180 s");
        }
        return new Run(process.ExitCode, stdout.Result, stderr.Result);
    }
}

/// <summary>A folder of its own for one test, removed afterwards.</summary>
public sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("nianbao-cli-tests-").FullName;

    public string this[string name] => System.IO.Path.Combine(Path, name);

    public string Write(string name, string text)
    {
        File.WriteAllText(this[name], text);
        return this[name];
    }

    public string Write(string name, byte[] bytes)
    {
        File.WriteAllBytes(this[name], bytes);
        return this[name];
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

public static class SharedFiles
{
    public static string Root { get; } = FindRoot();

    public static string Seeds => System.IO.Path.GetFullPath(System.IO.Path.Combine(Root, "..", "shared", "seeds"));

    public static string Seed(string name)
    {
        var path = System.IO.Path.Combine(Seeds, name);
        if (!File.Exists(path)) throw new FileNotFoundException($"Test material missing: {path} (the shared/ folder must stand beside the repository).");
        return path;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Nianbao.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Nianbao.slnx not found above " + AppContext.BaseDirectory);
    }
}
