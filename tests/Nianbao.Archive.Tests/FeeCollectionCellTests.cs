using System.Text;
using Dapper;
using Nianbao.Archive.Import;
using Nianbao.Domain;
using Nianbao.Pipeline;

namespace Nianbao.Archive.Tests;

/// <summary>The optional fee-collection table (信息处理费收取情况) is stored as cell rows like the statutory tables.</summary>
public class FeeCollectionCellTests
{
    [Theory, MemberData(nameof(TestArchive.Providers), MemberType = typeof(TestArchive))]
    public void The_fee_collection_table_is_stored_as_cells_and_a_report_without_it_has_none(string provider)
    {
        var with = Series.Generate("新县财政局", 2025, 71);
        var text = Encoding.UTF8.GetString(Series.Print(with, null)) + "\n信息处理费收取情况\n通知收取件数\t通知收取金额（元）\t实际收取金额（元）\n2\t4321\t987\n";
        using var archive = TestArchive.Create(provider);
        var files = new[] { archive.WriteFile("in/fees.txt", Encoding.UTF8.GetBytes(text)), archive.WriteFile("in/none.txt", Series.Print(Series.Generate("新县教育局", 2025, 72), null)) };
        using var store = archive.Open();
        new ArchiveImporter(store, ReportPipeline.Default).Run(files);

        var id = store.CurrentReport("新县财政局", 2025)!.Id;
        Assert.Equal(new FeeCollection(2, 4321, 987), store.LoadReport(id).FeeCollection);
        var fee = store.Cells(id).Where(c => c.TableName == CellStatus.FeeCollectionTable).ToList();
        Assert.Equal(["feeCollection.notifiedCount", "feeCollection.notifiedAmountYuan", "feeCollection.collectedAmountYuan"], fee.Select(c => c.Path));
        Assert.Equal(new decimal?[] { 2, 4321, 987 }, fee.Select(c => c.Value));
        Assert.All(fee, c => Assert.Equal(CellStatus.Value, c.Status));
        // The statutory tables come first; the report's cell vector holds them only, and is there.
        Assert.True(store.Cells(id).TakeWhile(c => c.TableName != CellStatus.FeeCollectionTable).Count() > 100);
        Assert.NotNull(store.Connection.ExecuteScalar<string?>("SELECT cell_vector FROM reports WHERE id = @id", new { id }));

        var none = store.CurrentReport("新县教育局", 2025)!.Id;
        Assert.DoesNotContain(store.Cells(none), c => c.TableName == CellStatus.FeeCollectionTable);
    }
}
