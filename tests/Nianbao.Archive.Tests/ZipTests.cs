using System.IO.Compression;
using System.Text;
using Nianbao.Archive.Import;
using Nianbao.Pipeline;

namespace Nianbao.Archive.Tests;

public class ZipTests
{
    private static byte[] Zip(params (string Name, byte[] Bytes, CompressionLevel Level)[] entries)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, bytes, level) in entries)
            {
                using var s = zip.CreateEntry(name, level).Open();
                s.Write(bytes);
            }
        return memory.ToArray();
    }

    /// <summary>Sets the "encrypted" bit of an entry's local and central headers, as an encrypting zip tool writes them.</summary>
    private static byte[] MarkEncrypted(byte[] zip, string entryName)
    {
        var name = Encoding.UTF8.GetBytes(entryName);
        for (var i = 0; i + 46 < zip.Length; i++)
        {
            var local = zip[i] == 0x50 && zip[i + 1] == 0x4b && zip[i + 2] == 0x03 && zip[i + 3] == 0x04;
            var central = zip[i] == 0x50 && zip[i + 1] == 0x4b && zip[i + 2] == 0x01 && zip[i + 3] == 0x02;
            if (!local && !central) continue;
            var nameAt = local ? i + 30 : i + 46;
            var nameLength = BitConverter.ToUInt16(zip, local ? i + 26 : i + 28);
            if (nameLength != name.Length || !zip.AsSpan(nameAt, nameLength).SequenceEqual(name)) continue;
            zip[local ? i + 6 : i + 8] |= 1;
        }
        return zip;
    }

    [Theory, MemberData(nameof(TestArchive.Providers), MemberType = typeof(TestArchive))]
    public void Zip_entries_in_nested_folders_and_archives_import_and_dangerous_entries_are_refused_with_a_message(string provider)
    {
        using var archive = TestArchive.Create(provider);
        var report = (string agency, int seed) => Series.Print(Series.Generate(agency, 2022, seed), null);
        var inner = Zip(("c.txt", report("丙乡人民政府", 3), CompressionLevel.Optimal));
        var zip = Zip(
            ("reports/a.txt", report("甲乡人民政府", 1), CompressionLevel.Optimal),
            ("reports/2022/b.txt", report("乙乡人民政府", 2), CompressionLevel.Optimal),
            ("../../escape.txt", report("丁乡人民政府", 4), CompressionLevel.Optimal),
            ("secret.txt", report("戊乡人民政府", 5), CompressionLevel.NoCompression),
            ("zeros.txt", new byte[400_000], CompressionLevel.SmallestSize),
            ("big.txt", Encoding.UTF8.GetBytes(new string('年', 200_000)), CompressionLevel.NoCompression),
            ("more/inner.zip", inner, CompressionLevel.NoCompression));
        zip = MarkEncrypted(zip, "secret.txt");
        var path = archive.WriteFile("batch.zip", zip);
        var garbage = archive.WriteFile("broken.zip", Encoding.ASCII.GetBytes("PK\u0003\u0004 not really a zip"));

        using var store = archive.Open();
        var limits = new ZipLimits { MaxEntryBytes = 500_000, RatioFloorBytes = 100_000 };
        var summary = new ArchiveImporter(store, ReportPipeline.Default).Run([path, garbage], new ImportOptions { Zip = limits });
        var byName = summary.Results.ToDictionary(r => r.Input);

        Assert.Equal(8, summary.Results.Count);
        Assert.Equal(InputOutcome.Imported, byName[$"{path}!/reports/a.txt"].Outcome);
        Assert.Equal(InputOutcome.Imported, byName[$"{path}!/reports/2022/b.txt"].Outcome);
        Assert.Equal(InputOutcome.Imported, byName[$"{path}!/more/inner.zip!/c.txt"].Outcome);
        Assert.Contains("zip-slip", byName[$"{path}!/../../escape.txt"].Reason);
        Assert.Contains("encrypted", byName[$"{path}!/secret.txt"].Reason);
        Assert.Contains("zip bomb", byName[$"{path}!/zeros.txt"].Reason);
        Assert.Contains("allowed", byName[$"{path}!/big.txt"].Reason);
        Assert.Contains("not a readable .zip", byName[garbage].Reason);
        Assert.All(summary.Results.Where(r => r.Outcome == InputOutcome.Failed), r => Assert.StartsWith(r.Input, r.Reason));
        Assert.Equal(5, summary.Count(InputOutcome.Failed));
        Assert.Equal(3, store.CountReports());
        Assert.Equal("甲乡人民政府", store.ListReports(new ReportFilter { Agency = "甲乡" }).Single().Agency);
    }
}
