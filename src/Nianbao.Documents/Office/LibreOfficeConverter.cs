using System.Diagnostics;

namespace Nianbao.Documents.Office;

/// <summary>
/// Converts legacy binary Office files (.doc, Kingsoft .wps, .xls, .et) to their OOXML form through
/// LibreOffice headless, when it is installed. Each conversion gets a private profile directory, so
/// parallel conversions do not fight over one profile, and a timeout, so a hung converter cannot
/// stall a batch. Where soffice is and how long it may take are settings of an instance (the
/// pipeline's options), not statics, so two pipelines can differ.
/// </summary>
public sealed class LibreOfficeConverter(string? sofficePath = null, TimeSpan? timeout = null)
{
    /// <summary>soffice found on the PATH, 90 seconds a conversion.</summary>
    public static LibreOfficeConverter Default { get; } = new();

    /// <summary>The soffice to run; null finds it on the PATH at each conversion.</summary>
    public string? SofficePath { get; } = sofficePath;

    public TimeSpan Timeout { get; } = timeout ?? TimeSpan.FromSeconds(90);

    public static string? FindSoffice()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in new[] { "soffice", "libreoffice" })
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }

    /// <summary>Converts <paramref name="bytes"/> (saved as <c>in.<paramref name="inputExtension"/></c>) to <paramref name="targetExtension"/>.</summary>
    public byte[] Convert(byte[] bytes, string fileName, string inputExtension, string targetExtension, string package, ReadLimits? limits = null)
    {
        limits ??= ReadLimits.Default;
        var soffice = (SofficePath is { } given && File.Exists(given) ? given : null) ?? (SofficePath is null ? FindSoffice() : null)
            ?? throw new DocumentReadException(fileName, ReadFailure.Unsupported,
                $"是旧版二进制 Office 文件（.{inputExtension}），读取它需要 LibreOffice：请安装 Debian 软件包 {package}，或另存为 .{targetExtension}",
                $"a legacy binary Office file (.{inputExtension}); reading it needs LibreOffice: install the Debian package {package} (apt-get install {package}) or save it as .{targetExtension}");
        var work = Path.Combine(Path.GetTempPath(), "nianbao-lo-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            var input = Path.Combine(work, "in." + inputExtension);
            var outDir = Path.Combine(work, "out");
            var profile = Path.Combine(work, "profile");
            File.WriteAllBytes(input, bytes);
            var start = new ProcessStartInfo(soffice)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { "--headless", "--norestore", "--convert-to", targetExtension, "--outdir", outDir, "-env:UserInstallation=" + new Uri(profile).AbsoluteUri, input })
                start.ArgumentList.Add(arg);
            using var process = Process.Start(start) ?? throw new DocumentReadException(fileName, ReadFailure.Unsupported, "无法启动 LibreOffice 进行转换", "LibreOffice (soffice) could not be started to convert it");
            _ = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                throw new DocumentReadException(fileName, ReadFailure.TookTooLong, $"LibreOffice 在 {Timeout.TotalSeconds:0} 秒内未能完成转换", $"took too long: LibreOffice did not convert it within {Timeout.TotalSeconds:0} s");
            }
            var output = Path.Combine(outDir, "in." + targetExtension);
            if (!File.Exists(output))
                throw new DocumentReadException(fileName, ReadFailure.Malformed, $"LibreOffice 无法将其转换为 .{targetExtension}，文件已损坏或不是 Office 文档",
                    $"malformed: LibreOffice could not convert it to .{targetExtension}; it is damaged or not an Office document");
            if (new FileInfo(output).Length > limits.MaxFileBytes)
                throw new DocumentReadException(fileName, ReadFailure.TooLarge, "文件过大：转换后的文件超过上限", "too large: the converted file is past the size limit");
            return File.ReadAllBytes(output);
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
