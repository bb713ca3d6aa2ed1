using System.Diagnostics;

namespace Nianbao.Tests.Rendering;

/// <summary>Runs the command-line tools the PDF tests need; a missing tool fails the test with the package to install.</summary>
internal static class ExternalTools
{
    public static string Require(string tool, string package)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':').Append("/usr/bin"))
        {
            var path = Path.Combine(dir, tool);
            if (File.Exists(path)) return path;
        }
        throw new Xunit.Sdk.XunitException($"'{tool}' is not installed; install the Debian package '{package}' (test.sh does this) — this test is never skipped.");
    }

    /// <summary>
    /// Has the real LibreOffice convert <paramref name="files"/> to <paramref name="format"/> into
    /// <paramref name="outDir"/>, with a private profile under <paramref name="work"/> so the run
    /// neither waits for nor disturbs another soffice on the machine.
    /// </summary>
    public static void LibreOffice(string package, string work, string format, string outDir, IEnumerable<string> files) =>
        Run("soffice", package, [
            "--headless", "--norestore", "-env:UserInstallation=" + new Uri(Path.Combine(work, "profile")).AbsoluteUri,
            "--convert-to", format, "--outdir", outDir, .. files]);

    public static string Run(string tool, string package, params string[] args)
    {
        var start = new ProcessStartInfo(Require(tool, package)) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"{tool} did not finish in 120 s");
        }
        Assert.True(process.ExitCode == 0, $"{tool} exited with {process.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }
}
