using System.Globalization;
using Dapper;
using FsCheck;
using FsCheck.Fluent;
using Nianbao.Archive.Import;
using Nianbao.Pipeline;
using Nianbao.Synthetic;

namespace Nianbao.Archive.Tests;

/// <summary>
/// The statements an import sends in one batch: on PostgreSQL a run of single-row inserts goes as one insert
/// of arrays, grouped by table when the caller says the statements commute. Each test writes the same rows
/// one statement at a time (Dapper) and through the batch, and compares the tables the two leave.
/// </summary>
public class StatementBatchTests
{
    private const string Insert = "INSERT INTO batch_rows (k, i, l, b, n, t, z) VALUES (@p0, @p1, @p2, @p3, @p4, NULL, @p5) ON CONFLICT (k) DO NOTHING";
    private const string InsertOther = "INSERT INTO batch_other (k, v) VALUES (@p0, @p1)";

    private static void CreateTables(System.Data.IDbConnection db, string blob, string suffix) =>
        db.Execute($"""
            CREATE TABLE batch_rows{suffix} (k TEXT PRIMARY KEY, i INTEGER NULL, l BIGINT NULL, b {blob} NULL, n NUMERIC NULL, t TEXT NULL, z INTEGER NULL);
            CREATE TABLE batch_other{suffix} (k TEXT NOT NULL, v INTEGER NOT NULL);
            """);

    private static string Dump(System.Data.IDbConnection db, string suffix) =>
        string.Join("\n", db.Query($"SELECT k, i, l, b, n, t, z FROM batch_rows{suffix} ORDER BY k").Select(r =>
            $"{r.k}|{r.i}|{r.l}|{(r.b is byte[] b ? Convert.ToHexString(b) : "-")}|{(r.n is null ? "-" : Convert.ToDecimal(r.n, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture))}|{r.t}|{r.z}"))
        + "\n--\n" + string.Join("\n", db.Query<(string, int)>($"SELECT k, v FROM batch_other{suffix}").Order().Select(r => $"{r.Item1}|{r.Item2}"));

    private sealed record Row(int Key, int? I, long? L, bool LongForm, byte[]? B, decimal? N);

    [Theory, MemberData(nameof(TestArchive.Providers), MemberType = typeof(TestArchive))]
    public void A_batch_leaves_the_rows_that_one_statement_at_a_time_leaves(string provider)
    {
        using var archive = TestArchive.Create(provider);
        using var store = archive.Open();
        var db = store.Connection;
        var blob = provider == "sqlite" ? "BLOB" : "BYTEA";
        var rowGen =
            from key in Gen.Choose(0, 30) // few keys: duplicates, which ON CONFLICT DO NOTHING skips, are common
            from i in Gen.Choose(-5, 5).Select(x => x == 0 ? (int?)null : x)
            from l in Gen.Choose(-3, 3).Select(x => x == 0 ? (long?)null : x * 1_000_000_000L)
            from longForm in Gen.Elements(true, false)
            from b in Gen.Elements<byte[]?>(null, [], [0], [1, 2, 255])
            from n in Gen.Elements<decimal?>(null, 0m, 1.5m, -12345678901234.25m)
            select new Row(key, i, l, longForm, b, n);
        var round = 0;
        var property = Prop.ForAll(Gen.Choose(0, 60).SelectMany(n => Gen.ListOf(rowGen, n), (_, r) => r.ToList()).ToArbitrary(), Gen.Elements(true, false).ToArbitrary(), (rows, commuting) =>
        {
            round++;
            var expected = $"_e{round}";
            var actual = $"_a{round}";
            CreateTables(db, blob, expected);
            CreateTables(db, blob, actual);
            // A column NULL in every row of a run (z unless some row sets it) and ints beside longs in one column (l).
            object?[] Args(Row r, int index) => [$"k{r.Key}", r.I, r.LongForm && r.L is { } l && l is >= int.MinValue and <= int.MaxValue ? (object)(int)l : r.L, r.B, r.N, index % 7 == 6 ? index : null];
            using (var tx = db.BeginTransaction())
            {
                for (var x = 0; x < rows.Count; x++)
                {
                    var args = Args(rows[x], x);
                    var p = new DynamicParameters();
                    for (var a = 0; a < args.Length; a++) p.Add("p" + a, args[a]);
                    db.Execute(Insert.Replace("batch_rows", "batch_rows" + expected, StringComparison.Ordinal), p, tx);
                    if (x % 3 == 0) db.Execute(InsertOther.Replace("batch_other", "batch_other" + expected, StringComparison.Ordinal), new { p0 = $"o{x}", p1 = x }, tx);
                }
                var batch = new StatementBatch(db, tx, commuting);
                var insert = Insert.Replace("batch_rows", "batch_rows" + actual, StringComparison.Ordinal);
                var other = InsertOther.Replace("batch_other", "batch_other" + actual, StringComparison.Ordinal);
                for (var x = 0; x < rows.Count; x++)
                {
                    batch.Add(insert, Args(rows[x], x));
                    if (x % 3 == 0) batch.Add(other, $"o{x}", x);
                }
                batch.Execute();
                tx.Commit();
            }
            var same = Dump(db, expected) == Dump(db, actual);
            db.Execute($"DROP TABLE batch_rows{expected}; DROP TABLE batch_other{expected}; DROP TABLE batch_rows{actual}; DROP TABLE batch_other{actual};");
            return same;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(40), property);
    }

    [Fact]
    public void Rows_of_many_bytes_go_in_several_inserts_and_all_arrive()
    {
        // 40 rows of 1 MB: more than one insert of arrays may carry (PostgreSQL refuses a value over 1 GB; the
        // batch splits long before), each row intact and in its place.
        using var archive = TestArchive.Create("postgres");
        using var store = archive.Open();
        var db = store.Connection;
        CreateTables(db, "BYTEA", "");
        var rows = Enumerable.Range(0, 40).Select(x => Enumerable.Range(0, 1 << 20).Select(i => (byte)(i * 31 + x)).ToArray()).ToList();
        using (var tx = db.BeginTransaction())
        {
            var batch = new StatementBatch(db, tx);
            for (var x = 0; x < rows.Count; x++) batch.Add(Insert, $"k{x:D2}", x, null, rows[x], null, null);
            batch.Execute();
            tx.Commit();
        }
        var stored = db.Query<(string K, int I, byte[] B)>("SELECT k, i, b FROM batch_rows ORDER BY k").ToList();
        Assert.Equal(rows.Count, stored.Count);
        for (var x = 0; x < rows.Count; x++)
        {
            Assert.Equal($"k{x:D2}", stored[x].K);
            Assert.Equal(x, stored[x].I);
            Assert.Equal(rows[x], stored[x].B);
        }
    }

    [Theory, MemberData(nameof(TestArchive.Providers), MemberType = typeof(TestArchive))]
    public void Every_write_of_a_report_row_gives_it_a_new_version_and_a_delete_drops_it(string provider)
    {
        // Row versions (0086; on PostgreSQL set per statement since 0095): what incremental summaries compare.
        using var archive = TestArchive.Create(provider);
        foreach (var (name, bytes) in CorpusFactory.Generate(6, seed: 5)) archive.WriteFile($"in/{name}", bytes);
        using var store = archive.Open();
        new ArchiveImporter(store, ReportPipeline.Default).Run([Path.Combine(archive.Folder, "in")]);
        var db = store.Connection;
        var ids = db.Query<string>("SELECT id FROM reports ORDER BY arrival").ToList();
        Assert.Equal(6, ids.Count);
        var versions = db.Query<(string Id, long Version)>("SELECT report_id, version FROM report_versions").ToDictionary(v => v.Id, v => v.Version);
        Assert.Equal(ids.Order(StringComparer.Ordinal), versions.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(versions.Count, versions.Values.Distinct().Count());

        // One statement writing two rows: each gets a number of its own, above every number before.
        db.Execute("UPDATE reports SET warnings = warnings + 1 WHERE id = @a OR id = @b", new { a = ids[1], b = ids[4] });
        var after = db.Query<(string Id, long Version)>("SELECT report_id, version FROM report_versions").ToDictionary(v => v.Id, v => v.Version);
        var highest = versions.Values.Max();
        Assert.True(after[ids[1]] > highest && after[ids[4]] > highest && after[ids[1]] != after[ids[4]]);
        foreach (var id in ids.Where(id => id != ids[1] && id != ids[4])) Assert.Equal(versions[id], after[id]);

        // An update that matches nothing changes nothing; a delete drops the deleted row's version only.
        db.Execute("UPDATE reports SET warnings = 0 WHERE id = 'no such report'");
        db.Execute("DELETE FROM reports WHERE id = @a", new { a = ids[2] });
        var last = db.Query<(string Id, long Version)>("SELECT report_id, version FROM report_versions").ToDictionary(v => v.Id, v => v.Version);
        Assert.Equal(after.Where(v => v.Key != ids[2]).OrderBy(v => v.Key, StringComparer.Ordinal), last.OrderBy(v => v.Key, StringComparer.Ordinal));
    }
}
