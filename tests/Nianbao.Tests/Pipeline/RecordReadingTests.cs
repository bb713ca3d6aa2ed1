using System.Text;
using System.Text.Json.Nodes;
using Nianbao.Documents;
using Nianbao.Domain;
using Nianbao.Domain.Contract;
using Nianbao.Domain.Findings;
using Nianbao.Tests.Checks;

namespace Nianbao.Tests.Pipeline;

/// <summary>
/// Reading a record is strict: whatever it does not know is an error naming the field, never a
/// silent default that would switch checks off or render empty tables.
/// </summary>
public class RecordReadingTests
{
    private static JsonObject Consistent() => JsonNode.Parse(ReportJson.Serialize(CheckReports.Consistent().Publish()))!.AsObject();

    private static ReportRecordException Refused(JsonObject record) =>
        Assert.Throws<ReportRecordException>(() => ReportJson.Deserialize(record.ToJsonString()));

    [Theory]
    [InlineData("template", "\"2020\"", "template")]
    [InlineData("template", "\"Format2021\"", "template")]
    [InlineData("year", "\"2022\"", "year")]
    [InlineData("year", "20220", "year")]
    [InlineData("year", "2022.5", "year")]
    [InlineData("year", "-1", "year")]
    [InlineData("schemaVersion", "2", "schemaVersion")]
    [InlineData("schemaVersion", "\"1\"", "schemaVersion")]
    [InlineData("publishedOn", "\"2023/01/20\"", "publishedOn")]
    [InlineData("agency", "12", "agency")]
    [InlineData("colour", "\"red\"", "colour")]
    [InlineData("sections", "{}", "sections")]
    [InlineData("applications", "[]", "applications")]
    public void A_wrong_top_level_field_is_named(string field, string value, string named)
    {
        var record = Consistent();
        record[field] = JsonNode.Parse(value);

        var error = Refused(record);

        Assert.Equal(named, error.Field);
        Assert.StartsWith(named + ": ", error.Message);
    }

    [Fact]
    public void Unknown_rows_cells_and_values_are_named_by_their_path()
    {
        var record = Consistent();
        record["applications"]!["granted"]!["totl"] = 3;
        Assert.Equal("applications.granted.totl", Refused(record).Field);

        record = Consistent();
        record["reviewsAndLawsuits"]!["appeal"] = new JsonObject();
        Assert.Equal("reviewsAndLawsuits.appeal", Refused(record).Field);

        record = Consistent();
        record["applications"]!["granted"]!["total"] = "7";
        Assert.Equal("applications.granted.total", Refused(record).Field);

        record = Consistent();
        record["applications"]!["granted"]!["total"] = 7.5;
        Assert.Equal("applications.granted.total", Refused(record).Field);

        record = Consistent();
        record["findings"] = JsonNode.Parse("""[{"rule":"T3-1","severity":"fatal","message":"m","cells":[]}]""");
        Assert.Equal("findings[0].severity", Refused(record).Field);

        record = Consistent();
        record["provenance"] = JsonNode.Parse("""{"applications.granted": {"start": 1, "length": 1, "text": "1", "confidence": "exact"}}""");
        Assert.Equal("provenance.applications.granted", Refused(record).Field);

        record = Consistent();
        record["sections"]![0]!["number"] = 7;
        Assert.Equal("sections[0].number", Refused(record).Field);
    }

    [Fact]
    public void A_legacy_report_carries_no_national_tables()
    {
        var record = Consistent();
        record["template"] = "legacy";

        var error = Refused(record);

        Assert.Equal("activeDisclosure", error.Field);
    }

    [Fact]
    public void The_pipeline_names_the_file_and_the_field_and_goes_on()
    {
        var record = Consistent();
        record["template"] = "2020";
        var bad = Encoding.UTF8.GetBytes(record.ToJsonString());

        var error = Assert.Throws<DocumentReadException>(() => ReportPipeline.Default.Read(bad, "bad.json"));
        Assert.StartsWith("bad.json: ", error.Message);
        Assert.Equal("template", Assert.IsType<ReportRecordException>(error.InnerException).Field);

        var outcome = ReportPipeline.Default.ReadOne(PipelineInput.FromBytes("bad.json", bad));
        Assert.Equal(OutcomeKind.Unreadable, outcome.Kind);
        Assert.Contains("template", outcome.Reason);
    }

    [Fact]
    public void Rechecking_a_record_keeps_its_reading_notes_and_replaces_stale_findings()
    {
        var draft = CheckReports.Consistent();
        draft.Applications!["granted", "total"] = null;
        draft.Note(new Finding(Rules.AmbiguousDigits, Severity.Warning, "row （一）予以公开: the digits \"52\" can be read 2 ways",
            new CellPath(TableKind.Applications, "granted", "total")) { Candidates = ["5 | 2", "52"] });
        // A finding the record carries from an older check that no longer holds.
        draft.CheckFindings.Add(new Finding(Rules.T3_Balance, Severity.Error, "stale"));
        var json = ReportJson.Serialize(draft.Publish());

        var once = ReportPipeline.Default.Read(Encoding.UTF8.GetBytes(json), "r.json");
        var twice = ReportPipeline.Default.Read(Encoding.UTF8.GetBytes(ReportJson.Serialize(once)), "r.json");

        var note = Assert.Single(once.ReadingNotes);
        Assert.Equal(["5 | 2", "52"], note.Candidates);
        Assert.DoesNotContain(once.CheckFindings, f => f.Message == "stale");
        // The note explains the blank cell, so the blank-cell check does not repeat it.
        Assert.DoesNotContain(once.CheckFindings, f => f.Rule == Rules.T3_Blank && f.Cells.Contains(new CellPath(TableKind.Applications, "granted", "total")));
        Assert.Equal(once.Findings, twice.Findings);
    }

    [Fact]
    public void A_record_written_before_findings_said_their_origin_takes_R_rules_as_reading_notes()
    {
        var record = Consistent();
        record["findings"] = JsonNode.Parse("""
            [{"rule":"R-3","severity":"warning","message":"row x was not found in the table","cells":[]},
             {"rule":"T3-1","severity":"error","message":"old","cells":[]}]
            """);

        var report = ReportJson.Deserialize(record.ToJsonString());

        Assert.Equal(Rules.TableNotFound, Assert.Single(report.ReadingNotes).Rule);
        Assert.Equal("old", Assert.Single(report.CheckFindings).Message);
    }

    [Fact]
    public void The_version_that_read_a_document_is_recorded()
    {
        var bytes = ReportRendererBytes();
        var report = ReportPipeline.Default.Read(bytes, "r.md");

        Assert.StartsWith("nianbao ", report.ReadBy);
        Assert.Contains($"\"readBy\": \"{report.ReadBy}\"", ReportJson.Serialize(report));
        Assert.Null(ReportPipeline.Blank(ReportTemplate.Format2021, "某局", 2023).ReadBy);
    }

    private static byte[] ReportRendererBytes() =>
        Nianbao.Rendering.ReportRenderers.For("md").Render(CheckReports.Consistent().Publish());
}
