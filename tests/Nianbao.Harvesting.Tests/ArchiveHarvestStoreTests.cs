using Nianbao.Archive;
using Nianbao.Archive.Harvest;
using Nianbao.Harvesting.State;

namespace Nianbao.Harvesting.Tests;

/// <summary>
/// The harvest records in the archive, on both databases the archive runs on: an SQLite file, and a
/// new database on the PostgreSQL server named by NIANBAO_TEST_PG (test.sh starts one on loopback;
/// without it the PostgreSQL case fails — a skipped test is not a passed one).
/// </summary>
public sealed class ArchiveHarvestStoreTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Records_runs_and_outcomes_are_kept_and_found_again(string provider)
    {
        using var place = new ThrowAwayArchive(provider, "harvest-store");
        var location = ArchiveLocation.Parse(place.Db);
        var run = new HarvestRun("20260101T000000Z-abcd1234", ["http://b.gov.cn/", "http://a.gov.cn/"], DateTimeOffset.UtcNow.AddMinutes(-1));
        var page = new HarvestRecord("http://a.gov.cn/ndbg/index.html", run.Id, HarvestOutcome.ListPage, "3 entries", DateTimeOffset.UtcNow,
            "\"e1\"", "Thu, 18 Jan 2024 08:00:00 GMT", "aa", null, LinkRole.Start,
            [new FoundLink("http://a.gov.cn/ndbg/t1.html", LinkRole.Entry, "大寨乡2023年政府信息公开工作年度报告", 2023)]);
        using (var store = ArchiveStore.Open(location))
        {
            var state = new ArchiveHarvestStore(store);
            await state.SaveRunAsync(run, default);
            await state.SaveAsync(page, default);
            await state.SaveAsync(page with { Outcome = HarvestOutcome.Unchanged, Detail = "304" }, default);
        }
        using (var store = ArchiveStore.Open(location))
        {
            var state = new ArchiveHarvestStore(store);
            var back = await state.FindAsync(page.Url, default);
            Assert.NotNull(back);
            Assert.Equal((HarvestOutcome.Unchanged, "304", "\"e1\"", "aa", LinkRole.Start), (back.Outcome, back.Detail, back.ETag, back.ContentHash, back.Role));
            Assert.Equal(page.Links, back.Links);
            Assert.Equal(page.FetchedAt.UtcTicks / 10, back.FetchedAt.UtcTicks / 10);
            // Start URLs in another order are the same harvest, which is unfinished until it has a tally.
            Assert.Equal(run.Id, (await state.FindUnfinishedRunAsync(["http://a.gov.cn/", "http://b.gov.cn/"], default))?.Id);
            await state.SaveRunAsync(run with { FinishedAt = DateTimeOffset.UtcNow, Tally = new Dictionary<string, int> { ["unchanged"] = 1 } }, default);
            Assert.Null(await state.FindUnfinishedRunAsync(run.Seeds, default));
            var stored = Assert.Single(await state.RunsAsync(default));
            Assert.Equal(1, stored.Tally!["unchanged"]);
            var outcome = Assert.Single(state.Outcomes(run.Id[..12]));
            Assert.Equal(("unchanged", page.Url), (outcome.Outcome, outcome.Url));
        }
    }
}
