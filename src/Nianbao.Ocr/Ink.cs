namespace Nianbao.Ocr;

/// <summary>
/// Which pixels are ink: darker than a threshold chosen from the page's histogram (Otsu), bounded
/// so a blank or a very dark page does not turn everything into ink.
/// </summary>
internal sealed class Ink
{
    public int Width { get; }
    public int Height { get; }
    private readonly bool[] _dark;

    private Ink(int width, int height, bool[] dark)
    {
        Width = width;
        Height = height;
        _dark = dark;
    }

    public bool this[int x, int y] => _dark[y * Width + x];

    /// <param name="image">The page.</param>
    /// <param name="faint">
    /// Count lighter grey as ink too: a ruling line 0.5 pt wide is one or two pixels of grey at
    /// 150–200 dpi, lighter than text strokes after scanning and JPEG, and must not break into dashes.
    /// </param>
    public static Ink Of(GrayImage image, bool faint = false)
    {
        var threshold = Threshold(image);
        if (faint) threshold = (byte)Math.Clamp(threshold + 50, 160, 215);
        var dark = new bool[image.Pixels.Length];
        for (var i = 0; i < dark.Length; i++) dark[i] = image.Pixels[i] < threshold;
        return new Ink(image.Width, image.Height, dark);
    }

    /// <summary>Ink with lone specks removed (a dark pixel needs two dark neighbours): scanner dust is not text.</summary>
    public Ink WithoutSpecks()
    {
        var clean = new bool[_dark.Length];
        for (var y = 0; y < Height; y++)
        for (var x = 0; x < Width; x++)
        {
            if (!this[x, y]) continue;
            var n = 0;
            for (var dy = -1; dy <= 1 && n < 2; dy++)
            for (var dx = -1; dx <= 1; dx++)
            {
                if (dx == 0 && dy == 0) continue;
                int xx = x + dx, yy = y + dy;
                if ((uint)xx < (uint)Width && (uint)yy < (uint)Height && this[xx, yy]) n++;
            }
            clean[y * Width + x] = n >= 2;
        }
        return new Ink(Width, Height, clean);
    }

    private static byte Threshold(GrayImage image)
    {
        var histogram = new long[256];
        foreach (var p in image.Pixels) histogram[p]++;
        long total = image.Pixels.Length;
        double sum = 0;
        for (var i = 0; i < 256; i++) sum += i * (double)histogram[i];
        double sumB = 0, best = -1;
        long wB = 0;
        var threshold = 128;
        for (var t = 0; t < 256; t++)
        {
            wB += histogram[t];
            if (wB == 0) continue;
            var wF = total - wB;
            if (wF == 0) break;
            sumB += t * (double)histogram[t];
            var mB = sumB / wB;
            var mF = (sum - sumB) / wF;
            var between = (double)wB * wF * (mB - mF) * (mB - mF);
            if (between > best) { best = between; threshold = t + 1; }
        }
        return (byte)Math.Clamp(threshold, 90, 200);
    }
}

/// <summary>
/// The page's skew: the angle at which the rows of ink line up best (the sharpest horizontal
/// projection), searched within ±3° on a reduced copy. Scans are rarely more crooked than that, and
/// a wider search would confuse columns of text with rows.
/// </summary>
internal static class Skew
{
    public static double Measure(GrayImage page)
    {
        var factor = Math.Max(1, page.Width / 900);
        var small = factor > 1 ? page.Resize(page.Width / factor, page.Height / factor) : page;
        var ink = Ink.Of(small);
        var points = new List<(int X, int Y)>();
        for (var y = 0; y < ink.Height; y++)
        for (var x = 0; x < ink.Width; x++)
            if (ink[x, y]) points.Add((x, y));
        if (points.Count < 100) return 0;
        var best = Search(points, ink.Height, -3, 3, 0.1);
        return Search(points, ink.Height, best - 0.1, best + 0.1, 0.02);
    }

    private static double Search(List<(int X, int Y)> points, int height, double from, double to, double step)
    {
        var bestAngle = 0.0;
        var bestScore = double.MinValue;
        var bins = new int[height * 2 + 64];
        for (var a = from; a <= to + 1e-9; a += step)
        {
            Array.Clear(bins);
            var tan = Math.Tan(a * Math.PI / 180);
            foreach (var (x, y) in points)
            {
                var b = (int)Math.Round(y + x * tan) + height / 2 + 32;
                if ((uint)b < (uint)bins.Length) bins[b]++;
            }
            double score = 0;
            foreach (var v in bins) score += (double)v * v;
            if (score > bestScore + 1e-6 || (Math.Abs(score - bestScore) <= 1e-6 && Math.Abs(a) < Math.Abs(bestAngle)))
            {
                bestScore = score;
                bestAngle = a;
            }
        }
        return bestAngle;
    }
}
