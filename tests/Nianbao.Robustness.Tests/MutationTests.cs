using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Nianbao.Documents;
using Nianbao.Robustness.Tests.Support;

namespace Nianbao.Robustness.Tests;

/// <summary>
/// The bounded mutation pass of the test command: valid documents of every format, mutated the way
/// a broken converter or an attacker would (bytes flipped, cut short, chunks duplicated or deleted,
/// container entries corrupted, attribute values made absurd). Every mutant is read within a time and
/// memory budget and gives a document or a clear refusal — never another exception, never a hang.
/// The long coverage-guided runs are fuzz/run.sh's; this pass keeps every test run honest.
/// </summary>
public sealed class MutationTests
{
    private static readonly TimeSpan Time = TimeSpan.FromSeconds(20);
    private const long Memory = 1024 * Budget.MiB;

    /// <summary>One change; positions are fractions of the length, so a mutation fits any input.</summary>
    public sealed record Op(string Kind, double At, double Span, int Value)
    {
        public override string ToString() => $"{Kind}@{At:0.###}+{Span:0.###}/{Value}";
    }

    private static readonly string[] Absurd = ["2147483647", "4294967296", "-1", "0", "99999999999999999999", "1e308", "NaN", "", "A1:XFD1048576", "-2147483648"];

    public static class Arbitraries
    {
        public static Arbitrary<Op[]> Ops() =>
            (from n in Gen.Choose(1, 4)
             from ops in Gen.ArrayOf(
                 from kind in Gen.Elements("flip", "flip", "truncate", "duplicate", "delete", "entry", "entry", "absurd", "absurd")
                 from at in Gen.Choose(0, 10_000)
                 from span in Gen.Choose(0, 2_000)
                 from value in Gen.Choose(0, 255)
                 select new Op(kind, at / 10_000.0, span / 10_000.0, value), n)
             select ops).ToArbitrary();
    }

    private static readonly Lazy<Dictionary<string, (byte[] Bytes, string Name)>> Seeds = new(() =>
    {
        var g = Samples.Report(11);
        return new()
        {
            ["text"] = (Samples.Text(g), "m.txt"),
            ["markdown"] = (Samples.Markdown(g), "m.md"),
            ["gb18030"] = (Samples.Text(g, Synthetic.TextShape.Gb18030), "m.txt"),
            ["html"] = (Samples.Html(g), "m.html"),
            ["docx"] = (Samples.Docx(g), "m.docx"),
            ["xlsx"] = (Samples.Xlsx(g), "m.xlsx"),
            ["pdf"] = (Samples.SmallPdf(), "m.pdf"),
        };
    });

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 150)]
    public void Mutated_text(Op[] ops) => ReadMutant("text", ops);

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 60)]
    public void Mutated_markdown_and_gb18030(Op[] ops)
    {
        ReadMutant("markdown", ops);
        ReadMutant("gb18030", ops);
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 80)]
    public void Mutated_html(Op[] ops) => ReadMutant("html", ops);

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 80)]
    public void Mutated_docx(Op[] ops) => ReadMutant("docx", ops);

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 80)]
    public void Mutated_xlsx(Op[] ops) => ReadMutant("xlsx", ops);

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 60)]
    public void Mutated_pdf(Op[] ops) => ReadMutant("pdf", ops);

    private static void ReadMutant(string format, Op[] ops)
    {
        var (seed, name) = Seeds.Value[format];
        var mutant = ops.Aggregate(seed, Apply);
        var outcome = Budget.Run(() => DocumentReaders.Default.Read(mutant, name, ReadLimits.Default, CancellationToken.None), Time, Memory);
        Assert.True(outcome.Value is not null || outcome.Refusal is not null);
    }

    internal static byte[] Apply(byte[] input, Op op)
    {
        if (input.Length == 0) return input;
        var at = Math.Min(input.Length - 1, (int)(op.At * input.Length));
        var span = Math.Max(1, (int)(op.Span * input.Length));
        switch (op.Kind)
        {
            case "flip":
            {
                var copy = (byte[])input.Clone();
                for (var i = 0; i < 1 + op.Value % 8; i++) copy[(at + i * 7919) % copy.Length] ^= (byte)(1 << ((op.Value + i) % 8));
                return copy;
            }
            case "truncate":
                return input[..Math.Max(1, at)];
            case "duplicate":
            {
                var chunk = input.AsSpan(at, Math.Min(span, input.Length - at)).ToArray();
                return [.. input[..at], .. chunk, .. chunk, .. input[(at + chunk.Length)..]];
            }
            case "delete":
                return [.. input[..at], .. input[Math.Min(input.Length, at + span)..]];
            case "entry":
                return IsZip(input) ? EditEntry(input, op, text => Apply(text, op with { Kind = op.Value % 2 == 0 ? "flip" : "delete" })) : Apply(input, op with { Kind = "flip" });
            case "absurd":
                return IsZip(input)
                    ? EditEntry(input, op, text => AbsurdAttribute(text, op))
                    : AbsurdAttribute(input, op);
            default:
                return input;
        }
    }

    private static bool IsZip(byte[] b) => b.Length > 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;

    /// <summary>Changes one XML entry of a container (chosen by the op) and writes the container again.</summary>
    private static byte[] EditEntry(byte[] zip, Op op, Func<byte[], byte[]> edit)
    {
        try
        {
            using var output = new MemoryStream();
            using (var source = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read))
            using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
            {
                var xml = source.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal) || e.FullName.EndsWith(".rels", StringComparison.Ordinal)).ToList();
                var chosen = xml.Count == 0 ? null : xml[op.Value % xml.Count];
                foreach (var entry in source.Entries)
                {
                    using var from = entry.Open();
                    using var buffer = new MemoryStream();
                    from.CopyTo(buffer);
                    var bytes = entry == chosen ? edit(buffer.ToArray()) : buffer.ToArray();
                    using var to = target.CreateEntry(entry.FullName, CompressionLevel.Fastest).Open();
                    to.Write(bytes);
                }
            }
            return output.ToArray();
        }
        catch (InvalidDataException)
        {
            return zip; // an earlier op already broke the container: keep it broken as it is
        }
    }

    private static readonly Regex NumericAttribute = new("=\"(-?[0-9]+|[A-Z]{1,3}[0-9]+(:[A-Z]{1,3}[0-9]+)?)\"", RegexOptions.Compiled);

    /// <summary>One numeric (or cell-reference) attribute value replaced by an absurd one.</summary>
    private static byte[] AbsurdAttribute(byte[] bytes, Op op)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var matches = NumericAttribute.Matches(text);
        if (matches.Count == 0) return bytes;
        var m = matches[(int)(op.At * matches.Count) % matches.Count];
        var value = Absurd[op.Value % Absurd.Length];
        return Encoding.UTF8.GetBytes(text[..m.Groups[1].Index] + value + text[(m.Groups[1].Index + m.Groups[1].Length)..]);
    }
}
