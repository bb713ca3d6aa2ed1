using System.Security.Cryptography;
using Dapper;
using Nianbao.Archive.Import;
using Nianbao.Pipeline;
using Nianbao.Synthetic;

namespace Nianbao.Archive.Tests;

/// <summary>
/// A stored original is written once per sha256 and never replaced, whatever writes it (on PostgreSQL the
/// window's originals go as one insert of arrays, prepared once the connection has run it a few times).
/// </summary>
public class OriginalsTests
{
    [Theory, MemberData(nameof(TestArchive.Providers), MemberType = typeof(TestArchive))]
    public void Bytes_already_among_the_originals_are_kept_as_they_were_and_the_others_are_stored_once_with_their_bytes(string provider)
    {
        using var archive = TestArchive.Create(provider);
        var files = CorpusFactory.Generate(5, seed: 31).Select((f, i) => (Path: archive.WriteFile($"in/{i}-{f.Name}", f.Bytes), f.Bytes)).ToList();
        // The same bytes a second time under another name, in the same window.
        var twice = archive.WriteFile("in/9-again.txt", files[3].Bytes);
        var before = files[2];
        var beforeId = Convert.ToHexStringLower(SHA256.HashData(before.Bytes));
        using var store = archive.Open();
        // Bytes already among the originals without a report of them (an archive's originals outlive what was read from them).
        store.Connection.Execute("INSERT INTO originals (sha256, size, file_name, content) VALUES (@beforeId, @size, 'earlier.txt', @content)",
            new { beforeId, size = (long)before.Bytes.Length, content = before.Bytes });

        var summary = new ArchiveImporter(store, ReportPipeline.Default).Run([Path.Combine(archive.Folder, "in")]);

        Assert.Equal(InputOutcome.AlreadyPresent, summary.Results.Single(r => r.Input == before.Path).Outcome);
        Assert.Equal(InputOutcome.AlreadyPresent, summary.Results.Single(r => r.Input == twice).Outcome);
        Assert.Equal(files.Count, store.Connection.ExecuteScalar<int>("SELECT COUNT(*) FROM originals"));
        Assert.Equal("earlier.txt", store.Connection.ExecuteScalar<string>("SELECT file_name FROM originals WHERE sha256 = @beforeId", new { beforeId }));
        Assert.Equal(files.Count - 1, store.CountReports());
        foreach (var (path, bytes) in files.Where(f => f.Path != before.Path))
        {
            var result = summary.Results.Single(r => r.Input == path);
            Assert.Contains(result.Outcome, new[] { InputOutcome.Imported, InputOutcome.ImportedWithFindings });
            var id = result.ReportId!;
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), id);
            Assert.Equal(bytes, store.Connection.ExecuteScalar<byte[]>("SELECT content FROM originals WHERE sha256 = @id", new { id }));
            Assert.Equal((long)bytes.Length, store.Connection.ExecuteScalar<long>("SELECT size FROM originals WHERE sha256 = @id", new { id }));
            Assert.Equal(Path.GetFileName(path), store.Connection.ExecuteScalar<string>("SELECT file_name FROM originals WHERE sha256 = @id", new { id }));
            // The record and the digest went with it: the report reads back whole.
            Assert.NotEmpty(store.Cells(id));
            Assert.Equal(1, store.Connection.ExecuteScalar<int>("SELECT COUNT(*) FROM report_digests d JOIN reports r ON r.arrival = d.report_no WHERE r.id = @id", new { id }));
        }
    }
}
