using System.Text;
using Dapper;
using FsCheck.Xunit;
using Microsoft.Data.Sqlite;
using Nianbao.Archive.Import;
using Nianbao.Domain.Contract;
using Nianbao.Pipeline;
using Nianbao.Synthetic;

namespace Nianbao.Archive.Tests;

/// <summary>
/// How the archive keeps its pages (migration 0098, docs/archive.md): a new SQLite archive's page size, and the
/// record stored compressed on SQLite — every reader gets back exactly the JSON the reader wrote, and an
/// archive whose records are text (written before 0098) is converted and reads the same.
/// </summary>
public sealed class RecordStorageTests
{
    [Fact]
    public void A_new_SQLite_archive_has_8_KB_pages_and_an_existing_one_keeps_its_own()
    {
        using var fresh = TestArchive.Create("sqlite");
        using (var store = fresh.Open())
            Assert.Equal(8192L, store.Connection.ExecuteScalar<long>("PRAGMA page_size"));

        using var old = TestArchive.Create("sqlite");
        using (var db = new SqliteConnection(old.Location.ConnectionString))
        {
            db.Open();
            db.Execute("PRAGMA page_size=4096; PRAGMA journal_mode=WAL; CREATE TABLE leftover (x INTEGER)");
        }
        using (var store = old.Open())
        {
            Assert.Equal(4096L, store.Connection.ExecuteScalar<long>("PRAGMA page_size"));
            Assert.Equal(0, store.CountReports());
        }
    }

    [Property(MaxTest = 300)]
    public bool A_compressed_record_reads_back_as_the_text_SQLite_would_have_kept(string? text)
    {
        // What SQLite's text binding keeps of a .NET string: its UTF-8 (a lone surrogate becomes U+FFFD there too).
        var kept = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text ?? ""));
        return StoredRecord.Text(StoredRecord.Compress(kept)) == kept && StoredRecord.Text(kept) == kept;
    }

    [Theory, MemberData(nameof(TestArchive.Providers), MemberType = typeof(TestArchive))]
    public void Records_are_stored_compressed_on_SQLite_as_text_on_PostgreSQL_and_read_back_exactly(string provider)
    {
        using var archive = TestArchive.Create(provider);
        var files = CorpusFactory.Generate(6, seed: 98).Select((f, i) => archive.WriteFile($"in/{i:D2}-{f.Name}", f.Bytes)).ToList();
        using var store = archive.Open();
        var summary = new ArchiveImporter(store, ReportPipeline.Default).Run([Path.Combine(archive.Folder, "in")]);
        var ids = summary.Results.Select(r => r.ReportId).OfType<string>().Distinct().ToList();
        Assert.Equal(files.Count, ids.Count);
        var types = store.Connection.Query<string>(provider == "sqlite" ? "SELECT typeof(record) FROM report_records" : "SELECT pg_typeof(record)::text FROM report_records").Distinct().ToList();
        Assert.Equal([provider == "sqlite" ? "blob" : "text"], types);
        foreach (var id in ids)
        {
            var json = store.RecordJson(id);
            // The record is the reader's own JSON of the report read from the same bytes.
            var input = summary.Results.First(r => r.ReportId == id).Input;
            Assert.Equal(ReportJson.Serialize(ReportPipeline.Default.ReadFile(input)), json);
            Assert.Equal(ReportJson.Serialize(store.LoadReport(id)), json);
        }
    }

    [Fact]
    public void Migration_0098_compresses_the_records_an_SQLite_archive_kept_as_text()
    {
        using var archive = TestArchive.Create("sqlite");
        foreach (var (name, bytes) in CorpusFactory.Generate(5, seed: 980)) archive.WriteFile("in/" + name, bytes);
        Dictionary<long, string> before;
        using (var store = archive.Open())
        {
            new ArchiveImporter(store, ReportPipeline.Default).Run([Path.Combine(archive.Folder, "in")]);
            before = store.Connection.Query<(long Arrival, byte[] Record)>("SELECT arrival, record FROM report_records")
                .ToDictionary(r => r.Arrival, r => StoredRecord.Text(r.Record));
            // The archive as it was before 0098: records as text, and 0098 not yet run.
            foreach (var (arrival, json) in before)
                store.Connection.Execute("UPDATE report_records SET record = @json WHERE arrival = @arrival", new { json, arrival });
            Assert.Equal(1, store.Connection.Execute("DELETE FROM SchemaVersions WHERE ScriptName LIKE '%0098_record_compressed%'"));
            Assert.Equal(["text"], store.Connection.Query<string>("SELECT DISTINCT typeof(record) FROM report_records").ToList());
            // Before conversion, the text reads the same.
            foreach (var (arrival, json) in before)
                Assert.Equal(json, store.RecordJson(store.Connection.ExecuteScalar<string>("SELECT id FROM reports WHERE arrival = @arrival", new { arrival })!));
        }
        using (var store = archive.Open()) // runs 0098
        {
            Assert.Equal(["blob"], store.Connection.Query<string>("SELECT DISTINCT typeof(record) FROM report_records").ToList());
            var after = store.Connection.Query<(long Arrival, byte[] Record)>("SELECT arrival, record FROM report_records")
                .ToDictionary(r => r.Arrival, r => StoredRecord.Text(r.Record));
            Assert.Equal(before.OrderBy(kv => kv.Key), after.OrderBy(kv => kv.Key));
            Assert.All(after, kv => Assert.StartsWith("{", kv.Value, StringComparison.Ordinal));
        }
    }
}
