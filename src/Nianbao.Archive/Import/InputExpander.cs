using System.IO.Compression;

namespace Nianbao.Archive.Import;

/// <summary>Limits on what a .zip archive may contain; anything beyond is refused with a clear message.</summary>
public sealed record ZipLimits
{
    /// <summary>Largest entry read (uncompressed).</summary>
    public long MaxEntryBytes { get; init; } = 256L * 1024 * 1024;
    /// <summary>Largest total of all entries of one archive (uncompressed).</summary>
    public long MaxArchiveBytes { get; init; } = 4L * 1024 * 1024 * 1024;
    /// <summary>Uncompressed / compressed beyond which an entry of more than <see cref="RatioFloorBytes"/> is taken for a zip bomb.</summary>
    public double MaxRatio { get; init; } = 200;
    public long RatioFloorBytes { get; init; } = 1024 * 1024;
    /// <summary>Archives inside archives, at most this deep.</summary>
    public int MaxDepth { get; init; } = 3;

    public static ZipLimits Default { get; } = new();
}

/// <summary>
/// Turns the PATH arguments of <c>nianbao import</c> into inputs, in a stable order: files as given,
/// folders recursively (sorted), .zip archives entry by entry (nested folders and archives too).
/// Lazy: files are read when the importer asks and zip entries as they are reached, so a large batch never sits in memory.
/// </summary>
public static class InputExpander
{
    public static IEnumerable<ImportInput> Expand(IEnumerable<string> paths, ZipLimits? limits = null) => Expand(paths, limits, readEntries: true);

    /// <summary>How many inputs <see cref="Expand(IEnumerable{string}, ZipLimits?)"/> will give, without reading any entry (for a progress bar).</summary>
    public static int Count(IEnumerable<string> paths, ZipLimits? limits = null) => Expand(paths, limits, readEntries: false).Count();

    private static IEnumerable<ImportInput> Expand(IEnumerable<string> paths, ZipLimits? limits, bool readEntries)
    {
        limits ??= ZipLimits.Default;
        foreach (var path in paths)
        {
            if (File.Exists(path))
                foreach (var input in FromFile(path, limits, readEntries)) yield return input;
            else if (Directory.Exists(path))
            {
                // Sidecars are not read but still inputs with an outcome: nothing silently disappears from the tally.
                foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                    if (IsSidecar(file)) yield return ImportInput.Skipped(file);
                    else foreach (var input in FromFile(file, limits, readEntries)) yield return input;
            }
            else yield return ImportInput.Refused(path, $"{path}: 找不到该文件或文件夹 no such file or directory.");
        }
    }

    // Expected-answer files and notes that live beside reports are not reports.
    private static bool IsSidecar(string path) =>
        path.EndsWith(".expected.json", StringComparison.OrdinalIgnoreCase)
        || Path.GetFileName(path).StartsWith('.')
        || Path.GetFileName(path) is "README.md" or "SOURCES.md";

    private static bool IsZipName(string name) => name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<ImportInput> FromFile(string path, ZipLimits limits, bool readEntries)
    {
        if (!IsZipName(path))
        {
            yield return new ImportInput(path, () => File.ReadAllBytes(path), null);
            yield break;
        }
        ZipArchive? zip = null;
        string? problem = null;
        try { zip = new ZipArchive(File.OpenRead(path), ZipArchiveMode.Read, leaveOpen: false); }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            problem = $"{path}: 无法打开的 ZIP 压缩包 not a readable .zip archive ({ex.Message}).";
        }
        if (zip is null)
        {
            yield return ImportInput.Refused(path, problem!);
            yield break;
        }
        using (zip)
            foreach (var input in FromZip(zip, path, limits, depth: 1, readEntries)) yield return input;
    }

    private static IEnumerable<ImportInput> FromZip(ZipArchive zip, string archiveName, ZipLimits limits, int depth, bool readEntries)
    {
        long total = 0;
        var entries = zip.Entries.Where(e => !e.FullName.EndsWith('/') && !e.FullName.EndsWith('\\'))
            .OrderBy(e => e.FullName, StringComparer.Ordinal).ToList();
        foreach (var entry in entries)
        {
            var name = $"{archiveName}!/{entry.FullName}";
            if (Refusal(entry, limits, ref total) is { } refusal)
            {
                yield return ImportInput.Refused(name, $"{name}: {refusal}");
                continue;
            }
            if (IsZipName(entry.FullName))
            {
                if (depth >= limits.MaxDepth)
                {
                    yield return ImportInput.Refused(name, $"{name}: 压缩包嵌套过深 archives nested more than {limits.MaxDepth} deep are not opened.");
                    continue;
                }
                ZipArchive? inner = null;
                string? problem = null;
                try { inner = new ZipArchive(new MemoryStream(ReadEntry(entry, name, limits)), ZipArchiveMode.Read); }
                catch (Exception ex) when (ex is InvalidDataException or IOException)
                {
                    problem = $"{name}: 无法打开的 ZIP 压缩包 not a readable .zip archive ({ex.Message}).";
                }
                if (inner is null) { yield return ImportInput.Refused(name, problem!); continue; }
                using (inner)
                    foreach (var input in FromZip(inner, name, limits, depth + 1, readEntries)) yield return input;
                continue;
            }
            // Read now, while the archive is open (the caller pulls a window of inputs at a time, so
            // memory stays bounded); a count-only pass skips the bytes.
            if (!readEntries) { yield return new ImportInput(name, null, null); continue; }
            byte[]? bytes = null;
            string? failure = null;
            try { bytes = ReadEntry(entry, name, limits); }
            catch (Exception ex) when (ex is InvalidDataException or IOException)
            {
                failure = ex.Message.StartsWith(name, StringComparison.Ordinal) ? ex.Message : $"{name}: 无法解压 cannot be extracted ({ex.Message}).";
            }
            yield return failure is null ? new ImportInput(name, () => bytes!, null) : ImportInput.Refused(name, failure);
        }
    }

    /// <summary>Why an entry is refused before reading it, or null.</summary>
    private static string? Refusal(ZipArchiveEntry entry, ZipLimits limits, ref long total)
    {
        var full = entry.FullName.Replace('\\', '/');
        if (full.StartsWith('/') || full.Contains(':') || full.Split('/').Any(part => part == ".."))
            return "条目路径越出压缩包 the entry's path leads outside the archive (zip-slip); refused.";
        if (entry.IsEncrypted)
            return "条目已加密 the entry is encrypted; refused (decrypt the archive first).";
        if (entry.Length > limits.MaxEntryBytes)
            return $"条目过大 the entry is {entry.Length:N0} bytes uncompressed, more than the {limits.MaxEntryBytes:N0} allowed; refused.";
        if (entry.Length > limits.RatioFloorBytes && entry.Length > limits.MaxRatio * Math.Max(1, entry.CompressedLength))
            return $"压缩比异常 the entry expands {entry.Length / (double)Math.Max(1, entry.CompressedLength):N0}-fold ({entry.CompressedLength:N0} → {entry.Length:N0} bytes), like a zip bomb; refused.";
        total += entry.Length;
        if (total > limits.MaxArchiveBytes)
            return $"压缩包总量过大 the archive's entries add up to more than {limits.MaxArchiveBytes:N0} bytes uncompressed; this and later entries are refused.";
        return null;
    }

    /// <summary>Reads an entry, never more than it declared: a header that lies about the size is refused.</summary>
    private static byte[] ReadEntry(ZipArchiveEntry entry, string name, ZipLimits limits)
    {
        using var stream = entry.Open();
        var declared = entry.Length;
        var buffer = new byte[declared];
        var read = 0;
        while (read < declared)
        {
            var n = stream.Read(buffer, read, (int)Math.Min(declared - read, 1 << 20));
            if (n == 0) break;
            read += n;
        }
        if (read != declared || stream.ReadByte() != -1)
            throw new InvalidDataException($"{name}: 条目大小与声明不符 the entry's data does not match its declared size; refused.");
        return buffer;
    }
}
