using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Nianbao.Ocr;

/// <summary>A piece of the page to read as one line of text: the pixels and where they sit on the page.</summary>
internal sealed record LineCrop(GrayImage Image, double PageLeft, double PageTop)
{
    /// <summary>The line's first mark of ink is a short level dash standing apart (a minus sign, which the model may drop).</summary>
    public bool LeadingDash { get; init; }
}

/// <summary>
/// PP-OCRv4 recognition (SVTR with a CTC head): a line image scaled to 48 pixels high gives one
/// class distribution per 8 pixels of width; greedy CTC decoding gives the characters. Each
/// character keeps the probability of its best time step (its confidence), the digits it could also
/// be, and a box spanning the time steps between its neighbours'.
/// </summary>
internal sealed class TextRecognizer
{
    private const int Height = 48;
    private const int Stride = 8;
    private const int BatchSize = 8;
    /// <summary>Narrow crops (one digit) are padded to this width: the model was trained on lines, not glyphs.</summary>
    private const int MinWidth = 64;
    private const int MaxWidth = 3200;

    private readonly OcrModels _models;
    private readonly int[] _digitClass = new int[10];

    public TextRecognizer(OcrModels models)
    {
        _models = models;
        for (var d = 0; d < 10; d++) _digitClass[d] = Array.IndexOf(models.Alphabet, d.ToString());
    }

    public IReadOnlyList<OcrText> Recognize(IReadOnlyList<LineCrop> crops)
    {
        var results = new OcrText[crops.Count];
        var order = Enumerable.Range(0, crops.Count).OrderBy(i => Ratio(crops[i].Image)).ToArray();
        for (var b = 0; b < order.Length; b += BatchSize)
        {
            var batch = order.Skip(b).Take(BatchSize).ToArray();
            var width = Math.Clamp(batch.Max(i => ScaledWidth(crops[i].Image)), MinWidth, MaxWidth);
            width = (width + Stride - 1) / Stride * Stride;
            var tensor = new DenseTensor<float>([batch.Length, 3, Height, width]);
            // Padding is paper (white), not the mid-grey a zero tensor would be.
            tensor.Buffer.Span.Fill(1f);
            var span = tensor.Buffer.Span;
            var scaled = new int[batch.Length];
            for (var k = 0; k < batch.Length; k++)
            {
                var image = crops[batch[k]].Image;
                var w = Math.Min(width, ScaledWidth(image));
                scaled[k] = w;
                var resized = image.Resize(w, Height);
                for (var y = 0; y < Height; y++)
                for (var x = 0; x < w; x++)
                {
                    var v = resized[x, y] / 127.5f - 1f;
                    for (var c = 0; c < 3; c++) span[((k * 3 + c) * Height + y) * width + x] = v;
                }
            }
            var input = NamedOnnxValue.CreateFromTensor(_models.Recognition.InputMetadata.Keys.First(), tensor);
            using var output = _models.Recognition.Run([input]);
            var tensorOut = output.First().AsTensor<float>();
            var steps = tensorOut.Dimensions[1];
            var classes = tensorOut.Dimensions[2];
            var probs = tensorOut is DenseTensor<float> dense ? dense.Buffer.ToArray() : tensorOut.ToArray();
            for (var k = 0; k < batch.Length; k++)
            {
                var crop = crops[batch[k]];
                var scale = (double)scaled[k] / crop.Image.Width;
                var used = Math.Min(steps, (scaled[k] + Stride - 1) / Stride + 1);
                results[batch[k]] = Decode(probs.AsSpan(k * steps * classes, steps * classes), used, classes, crop, scale);
            }
        }
        return results;
    }

    private static double Ratio(GrayImage image) => (double)image.Width / image.Height;

    private static int ScaledWidth(GrayImage image) => Math.Max(Stride, (int)Math.Ceiling(Height * Ratio(image)));

    private OcrText Decode(ReadOnlySpan<float> probs, int steps, int classes, LineCrop crop, double scale)
    {
        // Runs of time steps with the same non-blank best class are one character.
        var runs = new List<(int Class, int First, int Last, int BestStep, float Best)>();
        var previous = 0;
        for (var t = 0; t < steps; t++)
        {
            var row = probs.Slice(t * classes, classes);
            var best = 0;
            var bestP = float.MinValue;
            for (var c = 0; c < row.Length; c++)
                if (row[c] > bestP) { bestP = row[c]; best = c; }
            if (best != 0 && best == previous && runs.Count > 0 && runs[^1].Last == t - 1)
                runs[^1] = bestP > runs[^1].Best ? runs[^1] with { Last = t, BestStep = t, Best = bestP } : runs[^1] with { Last = t };
            else if (best != 0)
                runs.Add((best, t, t, t, bestP));
            previous = best;
        }
        var alphabet = _models.Alphabet;
        var chars = new List<OcrChar>(runs.Count);
        for (var i = 0; i < runs.Count; i++)
        {
            var centre = (runs[i].First + runs[i].Last + 1) / 2.0 * Stride;
            var half = 0.3 * Height;
            var left = Math.Max(i > 0 ? ((runs[i - 1].First + runs[i - 1].Last + 1) / 2.0 * Stride + centre) / 2 : centre - half, centre - half);
            var right = Math.Min(i + 1 < runs.Count ? ((runs[i + 1].First + runs[i + 1].Last + 1) / 2.0 * Stride + centre) / 2 : centre + half, centre + half);
            var box = new PixelBox(crop.PageLeft + Math.Max(0, left / scale), crop.PageTop,
                crop.PageLeft + Math.Min(crop.Image.Width, right / scale), crop.PageTop + crop.Image.Height);
            var text = runs[i].Class < alphabet.Length ? alphabet[runs[i].Class] : "\uFFFD";
            chars.Add(new OcrChar(text, box, runs[i].Best) { Digits = DigitReadings(probs.Slice(runs[i].BestStep * classes, classes)) });
        }
        return new OcrText(chars, new PixelBox(crop.PageLeft, crop.PageTop, crop.PageLeft + crop.Image.Width, crop.PageTop + crop.Image.Height)) { LeadingDash = crop.LeadingDash };
    }

    /// <summary>
    /// Each digit's probability at the character's best time step, its look-alikes (o, l, 丨 …)
    /// counted with it, given that a character stands there: the CTC blank's share (the model not
    /// sure where a lone glyph's one time step falls) says nothing about which digit it is.
    /// </summary>
    private float[] DigitReadings(ReadOnlySpan<float> step)
    {
        var result = new float[10];
        for (var d = 0; d < 10; d++)
            if (_digitClass[d] > 0) result[d] = step[_digitClass[d]];
        foreach (var (cls, digit) in LookAlikes())
            result[digit] += step[cls];
        var glyph = 1f - step[0];
        if (glyph > 0.05f)
            for (var d = 0; d < 10; d++) result[d] = Math.Min(1f, result[d] / glyph);
        return result;
    }

    private List<(int Class, int Digit)>? _lookAlikes;

    private List<(int Class, int Digit)> LookAlikes()
    {
        if (_lookAlikes is not null) return _lookAlikes;
        var list = new List<(int, int)>();
        foreach (var (chars, digit) in new[] { ("oO〇○Ｏｏ。", 0), ("lI丨|ｌＩ", 1), ("Zz", 2), ("Ss", 5), ("b", 6), ("B", 8), ("q", 9) })
            foreach (var ch in chars.Distinct())
            {
                var cls = Array.IndexOf(_models.Alphabet, ch.ToString());
                if (cls > 0) list.Add((cls, digit));
            }
        // A lone digit on a wide white margin is often read as its full-width form (０ for 0): the
        // same digit (NFKC folds one into the other), so its probability counts with the digit.
        for (var d = 0; d < 10; d++)
        {
            var cls = Array.IndexOf(_models.Alphabet, ((char)('０' + d)).ToString());
            if (cls > 0) list.Add((cls, d));
        }
        return _lookAlikes = list;
    }
}
