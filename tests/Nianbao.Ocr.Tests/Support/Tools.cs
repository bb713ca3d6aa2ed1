using System.Diagnostics;

namespace Nianbao.Ocr.Tests.Support;

/// <summary>External programs the tests drive (installed by test.sh); a missing one fails the test with the package to install.</summary>
internal static class Tools
{
    /// <summary>Every page of a PDF as a grey image at <paramref name="dpi"/>, drawn by pdftoppm.</summary>
    public static List<GrayImage> Rasterize(byte[] pdf, int dpi)
    {
        var dir = Directory.CreateTempSubdirectory("nianbao-ocr-test-");
        try
        {
            var file = Path.Combine(dir.FullName, "in.pdf");
            File.WriteAllBytes(file, pdf);
            Run("pdftoppm", "-gray", "-r", dpi.ToString(), file, Path.Combine(dir.FullName, "p"));
            return dir.GetFiles("p*.pgm").OrderBy(f => f.Name.Length).ThenBy(f => f.Name)
                .Select(f => GrayImage.FromNetpbm(File.ReadAllBytes(f.FullName))).ToList();
        }
        finally { dir.Delete(recursive: true); }
    }

    public static void Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        Process process;
        try { process = Process.Start(start)!; }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException($"{tool} is not installed: apt-get install poppler-utils (test.sh does)");
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(120_000)) { process.Kill(true); throw new TimeoutException($"{tool} took more than 2 minutes"); }
            Assert.True(process.ExitCode == 0, $"{tool} failed: {stderr.Result}");
        }
    }
}
