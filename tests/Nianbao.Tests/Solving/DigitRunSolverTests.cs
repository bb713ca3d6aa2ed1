using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Nianbao.Documents.Model;
using Nianbao.Domain.Tables;
using Nianbao.Recognition.Solving;
using Nianbao.Recognition.Text;

namespace Nianbao.Tests.Solving;

public class DigitRunSolverTests
{
    private static readonly CellSpec[] Row7 = Enumerable.Repeat(new CellSpec(ValueKind.Count), 7).ToArray();
    private static readonly SumConstraint[] RowTotal = [new([0, 1, 2, 3, 4, 5], 6)];

    internal static List<NumberToken> Tokens(params string[] texts)
    {
        var line = new DocLine(0, 0, []);
        var cell = new DocCell(0, 0, "");
        var tokens = new List<NumberToken>();
        var at = 0;
        foreach (var t in texts)
        {
            tokens.Add(new NumberToken(at, t.Length, t, line, cell));
            at += t.Length + 1;
        }
        return tokens;
    }

    private static string Read(DigitRunSolver.Reading r) => r.Describe();

    [Fact]
    public void A_row_total_makes_the_split_unique()
    {
        var result = DigitRunSolver.Solve(Tokens("640020470"), Row7, RowTotal);
        Assert.True(result.Complete);
        Assert.Equal("64 0 0 2 0 4 70", Read(Assert.Single(result.Readings)));
    }

    [Fact]
    public void Leading_zeros_are_not_numbers()
    {
        // 7 digits for 7 cells: only one split, whatever the arithmetic.
        var result = DigitRunSolver.Solve(Tokens("0000000"), Row7, []);
        Assert.Equal("0 0 0 0 0 0 0", Read(Assert.Single(result.Readings)));
    }

    [Fact]
    public void Spaces_are_kept_as_boundaries_but_tokens_may_still_split()
    {
        // "（七）总计23 0 00 0 023" from a crawler: 23, 0, 0, 0, 0, 0, 23.
        var result = DigitRunSolver.Solve(Tokens("23", "0", "00", "0", "023"), Row7, RowTotal);
        Assert.Equal("23 0 0 0 0 0 23", Read(Assert.Single(result.Readings)));
    }

    [Fact]
    public void Several_readings_are_all_reported()
    {
        var three = Enumerable.Repeat(new CellSpec(ValueKind.Count), 3).ToArray();
        var result = DigitRunSolver.Solve(Tokens("693665"), three, []);
        Assert.Equal(10, result.Readings.Count); // C(5,2): every cut gives valid numbers here
    }

    [Fact]
    public void Table_four_groups_split_a_fifteen_cell_run()
    {
        var fifteen = Enumerable.Repeat(new CellSpec(ValueKind.Count), 15).ToArray();
        var groups = Enumerable.Range(0, 3).Select(g => new SumConstraint([g * 5, g * 5 + 1, g * 5 + 2, g * 5 + 3], g * 5 + 4)).ToArray();
        var result = DigitRunSolver.Solve(Tokens("10203120001200000"), fifteen, groups);
        Assert.Equal("1 0 2 0 3 12 0 0 0 12 0 0 0 0 0", Read(Assert.Single(result.Readings)));
    }

    [Fact]
    public void Money_keeps_its_decimals_and_is_never_cut_at_the_point()
    {
        var money = new[] { new CellSpec(ValueKind.Money) };
        var result = DigitRunSolver.Solve(Tokens("24252.311082"), money, []);
        Assert.Equal(24252.311082m, Assert.Single(result.Readings).Cells[0]!.Value.Value);
    }

    [Fact]
    public void A_row_that_lost_cells_places_nothing_it_cannot_place()
    {
        var placements = DigitRunSolver.PlaceWithLostCells(Tokens("0", "0", "0", "0", "0", "0"), Row7, RowTotal);
        Assert.Equal(7, placements.Count);
        for (var cell = 0; cell < 7; cell++)
            Assert.Contains(placements, p => p.Cells[cell] is null);
    }

    [Fact]
    public void Lost_cells_are_placed_when_the_arithmetic_allows_only_one_placement()
    {
        // 5 3 0 0 0 8 with the total printed last: if the total were the lost cell, 8 would be an
        // applicant column and the printed "8" could not be the sum… but it could: placements stay open.
        var placements = DigitRunSolver.PlaceWithLostCells(Tokens("5", "3", "0", "0", "0", "9"), Row7, RowTotal);
        // 9 as total would need the lost applicant cell to be 1: possible. 9 as an applicant: total lost, possible.
        Assert.True(placements.Count > 1);
        // A placement making a known total smaller than its known parts is impossible.
        var impossible = DigitRunSolver.PlaceWithLostCells(Tokens("5", "3", "0", "0", "0", "2"), Row7, RowTotal);
        Assert.DoesNotContain(impossible, p => p.Cells[6] is { } total && total.Value == 2);
    }

    [Theory]
    [InlineData("007", false)]
    [InlineData("0", true)]
    [InlineData("1,234", true)]
    [InlineData("12,34", false)]
    [InlineData("1,2,3", false)]
    [InlineData("3.", false)]
    [InlineData(".5", false)]
    [InlineData("-8", false)]
    public void Strict_number_grammar_for_counts(string text, bool valid) =>
        Assert.Equal(valid, DigitRunSolver.TryParse(text, ValueKind.Count, out _));

    [Fact]
    public void Signed_counts_keep_their_sign() =>
        Assert.True(DigitRunSolver.TryParse("-8", ValueKind.SignedCount, out var v) && v == -8);

    /// <summary>Random rows printed with their digits run together.</summary>
    private static Gen<int[]> Rows(int maxValue) =>
        from parts in Gen.ArrayOf(Gen.Choose(0, maxValue), 6)
        select parts.Append(parts.Sum()).ToArray();

    [Property(MaxTest = 300)]
    public Property The_true_reading_is_always_among_the_readings() =>
        Prop.ForAll(Rows(120).ToArbitrary(), row =>
        {
            var run = string.Concat(row);
            var result = DigitRunSolver.Solve(Tokens(run), Row7, RowTotal);
            return !result.Complete || result.Readings.Any(r => r.Describe() == string.Join(" ", row));
        });

    [Property(MaxTest = 300)]
    public Property Every_piece_is_a_substring_of_the_run_at_its_place() =>
        Prop.ForAll(Rows(999).ToArbitrary(), row =>
        {
            var run = string.Concat(row);
            var result = DigitRunSolver.Solve(Tokens(run), Row7, RowTotal);
            return result.Readings.All(r => r.Cells.All(c =>
                c is { } p && run.Substring(p.Offset, p.Length) == p.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        });

    [Property(MaxTest = 200)]
    public Property Separated_tokens_read_back_as_printed() =>
        Prop.ForAll(Rows(100000).ToArbitrary(), row =>
        {
            var result = DigitRunSolver.Solve(Tokens(row.Select(v => v.ToString()).ToArray()), Row7, RowTotal);
            return result.Readings.Count == 1 && result.Readings[0].Describe() == string.Join(" ", row);
        });
}

/// <summary>The solver against a brute-force oracle: every split of a short run, filtered by hand.</summary>
public class DigitRunSolverOracleTests
{
    private static readonly CellSpec[] Row7 = Enumerable.Repeat(new CellSpec(ValueKind.Count), 7).ToArray();

    private static IEnumerable<string> BruteForce(string run)
    {
        IEnumerable<List<string>> Cut(int at, int left)
        {
            if (left == 1)
            {
                var rest = run[at..];
                if (rest.Length > 0 && (rest.Length == 1 || rest[0] != '0')) yield return [rest];
                yield break;
            }
            for (var len = 1; at + len <= run.Length - (left - 1); len++)
            {
                var piece = run.Substring(at, len);
                if (piece.Length > 1 && piece[0] == '0') break;
                if (len > DigitRunSolver.MaxSplitDigits) break;
                foreach (var tail in Cut(at + len, left - 1)) yield return [piece, .. tail];
            }
        }
        foreach (var split in Cut(0, 7))
        {
            var values = split.Select(decimal.Parse).ToArray();
            if (values.Take(6).Sum() == values[6]) yield return string.Join(" ", split);
        }
    }

    [Property(MaxTest = 300)]
    public Property Every_reading_that_adds_up_and_no_other() =>
        Prop.ForAll(Gen.ArrayOf(Gen.Choose(0, 60), 6).ToArbitrary(), parts =>
        {
            var run = string.Concat(parts.Append(parts.Sum()));
            var expected = BruteForce(run).Order().ToList();
            var result = DigitRunSolver.Solve(DigitRunSolverTests.Tokens(run), Row7, Recognition.Tables.ApplicationsTableReader.RowConstraints());
            var actual = result.Readings.Select(r => r.Describe()).Order().ToList();
            return result.Complete && expected.SequenceEqual(actual);
        });
}

/// <summary>One-run rows of large numbers (the meet-in-the-middle splitter) against a plain brute force.</summary>
public class RowSplitterOracleTests
{
    private static readonly CellSpec[] Row7 = Enumerable.Repeat(new CellSpec(ValueKind.Count), 7).ToArray();

    [Property(MaxTest = 25)]
    public Property Every_reading_of_a_run_of_large_numbers_and_no_other() =>
        Prop.ForAll(Gen.ArrayOf(Gen.Choose(0, 9999), 6).ToArbitrary(), parts =>
        {
            var run = string.Concat(parts.Append(parts.Sum()));
            var expected = new List<string>();
            var pieces = new long[7];
            var lengths = new int[7];
            void Cut(int at, int k)
            {
                if (k == 6)
                {
                    var rest = run.Length - at;
                    if (rest < 1 || rest > DigitRunSolver.MaxSplitDigits || (rest > 1 && run[at] == '0')) return;
                    if (pieces.Take(6).Sum() == long.Parse(run[at..]))
                        expected.Add(string.Join(" ", pieces.Take(6).Append(long.Parse(run[at..]))));
                    return;
                }
                for (var len = 1; len <= DigitRunSolver.MaxSplitDigits && at + len < run.Length; len++)
                {
                    if (len > 1 && run[at] == '0') break;
                    pieces[k] = long.Parse(run.AsSpan(at, len));
                    Cut(at + len, k + 1);
                }
            }
            Cut(0, 0);
            var result = DigitRunSolver.Solve(DigitRunSolverTests.Tokens(run), Row7, Recognition.Tables.ApplicationsTableReader.RowConstraints());
            var actual = result.Readings.Select(r => r.Describe()).Order().ToList();
            return (result.Complete && expected.Order().SequenceEqual(actual))
                .Label($"run {run}: expected {string.Join(" | ", expected)}; got {string.Join(" | ", actual)}");
        });
}

/// <summary>
/// Rows of blocks (table 四's groups: parts then their total) take the block splitter; it must give
/// exactly what the general search and a brute-force oracle give.
/// </summary>
public class BlockSplitterTests
{
    private static readonly CellSpec[] Row15 = Enumerable.Repeat(new CellSpec(ValueKind.Count), 15).ToArray();
    private static readonly SumConstraint[] Groups = Enumerable.Range(0, 3)
        .Select(g => new SumConstraint([g * 5, g * 5 + 1, g * 5 + 2, g * 5 + 3], g * 5 + 4)).ToArray();

    private static Gen<long[]> GroupRow(int maxValue) =>
        from groups in Gen.ArrayOf(Gen.ArrayOf(Gen.Choose(0, maxValue), 4), 3)
        select groups.SelectMany(g => g.Select(v => (long)v).Append(g.Sum(v => (long)v))).ToArray();

    /// <summary>The row's numbers printed as tokens: each gap between numbers kept or closed as the mask says.</summary>
    private static string[] Print(long[] row, int gapMask)
    {
        var tokens = new List<string> { row[0].ToString() };
        for (var i = 1; i < row.Length; i++)
        {
            if ((gapMask >> (i % 31) & 1) == 1) tokens.Add(row[i].ToString());
            else tokens[^1] += row[i].ToString();
        }
        return tokens.ToArray();
    }

    private static string Describe(DigitRunSolver.Result r) =>
        $"{r.Complete}: " + string.Join(" | ", r.Readings.Select(x => string.Join(" ", x.Cells.Select(c => c is { } p ? $"{p.Token}.{p.Offset}.{p.Length}={p.Value}" : "∅"))));

    [Property(MaxTest = 150)]
    public Property Same_readings_in_the_same_order_as_the_general_search() =>
        Prop.ForAll(Gen.Elements(2, 9, 60, 999, 9999).SelectMany(max => GroupRow(max)).ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (row, mask) =>
        {
            // Mostly one run (the hard case), sometimes a few gaps.
            var tokens = DigitRunSolverTests.Tokens(Print(row, mask % 3 == 0 ? mask : 0));
            var fast = DigitRunSolver.Solve(tokens, Row15, Groups);
            var general = DigitRunSolver.Search(tokens, Row15, Groups);
            return (Describe(fast) == Describe(general) || !general.Complete)
                .Label($"row {string.Join(" ", row)}\nblock:   {Describe(fast)}\ngeneral: {Describe(general)}");
        });

    [Property(MaxTest = 200)]
    public Property Every_reading_that_adds_up_and_no_other() =>
        Prop.ForAll(Gen.ArrayOf(Gen.Choose(0, 40), 4).ToArbitrary(), parts =>
        {
            // Two blocks of two parts and a total: a brute force over every split is cheap.
            long[] row = [parts[0], parts[1], parts[0] + parts[1], parts[2], parts[3], parts[2] + parts[3]];
            var run = string.Concat(row);
            SumConstraint[] constraints = [new([0, 1], 2), new([3, 4], 5)];
            var cells = Enumerable.Repeat(new CellSpec(ValueKind.Count), 6).ToArray();
            var expected = new List<string>();
            void Cut(int at, List<string> pieces)
            {
                if (pieces.Count == 6)
                {
                    var v = pieces.Select(long.Parse).ToArray();
                    if (at == run.Length && v[0] + v[1] == v[2] && v[3] + v[4] == v[5]) expected.Add(string.Join(" ", pieces));
                    return;
                }
                for (var len = 1; at + len <= run.Length && len <= DigitRunSolver.MaxSplitDigits; len++)
                {
                    if (len > 1 && run[at] == '0') break;
                    Cut(at + len, [.. pieces, run.Substring(at, len)]);
                }
            }
            Cut(0, []);
            var result = DigitRunSolver.Solve(DigitRunSolverTests.Tokens(run), cells, constraints);
            var actual = result.Readings.Select(r => r.Describe()).Order().ToList();
            return (result.Complete && expected.Order().SequenceEqual(actual))
                .Label($"run {run}: expected {string.Join(" | ", expected)}; got {string.Join(" | ", actual)}");
        });

    [Fact]
    public void A_long_run_of_three_groups_in_the_thousands_is_split_uniquely()
    {
        long[] row = [1234, 2345, 3456, 4567, 11602, 5123, 6234, 7345, 8456, 27158, 9012, 1023, 2034, 3045, 15114];
        var result = DigitRunSolver.Solve(DigitRunSolverTests.Tokens(string.Concat(row)), Row15, Groups);
        Assert.True(result.Complete);
        Assert.Equal(string.Join(" ", row), Assert.Single(result.Readings).Describe());
    }
}
