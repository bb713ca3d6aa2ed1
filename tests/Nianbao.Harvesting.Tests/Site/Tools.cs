using System.Diagnostics;

namespace Nianbao.Harvesting.Tests.Site;

/// <summary>The real LibreOffice, to save the site's .doc, .wps and .xls attachments; missing → the test fails naming the package.</summary>
internal static class LibreOffice
{
    public static void Convert(string work, string format, string outDir, IEnumerable<string> files)
    {
        var soffice = new[] { "/usr/bin/soffice", "/usr/local/bin/soffice" }.FirstOrDefault(File.Exists)
            ?? throw new Xunit.Sdk.XunitException("soffice is not installed; install libreoffice-writer-nogui and libreoffice-calc-nogui (test.sh does) — never skipped.");
        var start = new ProcessStartInfo(soffice) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in (string[])["--headless", "--norestore", "-env:UserInstallation=" + new Uri(System.IO.Path.Combine(work, "profile")).AbsoluteUri,
                     "--convert-to", format, "--outdir", outDir, .. files])
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException("soffice did not finish in 120 s");
        }
        Assert.True(process.ExitCode == 0, $"soffice exited with {process.ExitCode}: {stderr.Result}");
    }
}
