using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Nianbao.Ocr;

/// <summary>
/// PP-OCRv4 text detection (DB, differentiable binarisation): a probability map of "text here",
/// thresholded into connected regions, each grown back by the shrink the model was trained with.
/// The page is deskewed first, so regions are upright rectangles.
/// </summary>
internal sealed class TextDetector
{
    private const float PixelThreshold = 0.3f;
    private const float BoxThreshold = 0.6f;
    private const double Unclip = 1.5;
    private static readonly float[] Mean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] Std = [0.229f, 0.224f, 0.225f];

    private readonly OcrModels _models;

    public TextDetector(OcrModels models) => _models = models;

    /// <summary>Text regions in page pixels; <paramref name="scale"/> shrinks the page first (text must stay ≥ ~10 px high).</summary>
    public IReadOnlyList<PixelBox> Detect(GrayImage page, double scale)
    {
        var w = Math.Max(32, (int)Math.Round(page.Width * scale / 32) * 32);
        var h = Math.Max(32, (int)Math.Round(page.Height * scale / 32) * 32);
        var image = page.Resize(w, h);
        var tensor = new DenseTensor<float>([1, 3, h, w]);
        var buffer = tensor.Buffer.Span;
        for (var c = 0; c < 3; c++)
        {
            var plane = c * w * h;
            for (var i = 0; i < w * h; i++) buffer[plane + i] = (image.Pixels[i] / 255f - Mean[c]) / Std[c];
        }
        var input = NamedOnnxValue.CreateFromTensor(_models.Detection.InputMetadata.Keys.First(), tensor);
        using var output = _models.Detection.Run([input]);
        var map = output.First().AsTensor<float>().ToArray();
        var sx = (double)page.Width / w;
        var sy = (double)page.Height / h;
        return Regions(map, w, h)
            .Select(b => new PixelBox(Math.Max(0, b.Left * sx), Math.Max(0, b.Top * sy), Math.Min(page.Width, b.Right * sx), Math.Min(page.Height, b.Bottom * sy)))
            .ToList();
    }

    private static List<PixelBox> Regions(float[] map, int w, int h)
    {
        var seen = new bool[map.Length];
        var stack = new Stack<int>();
        var boxes = new List<PixelBox>();
        for (var start = 0; start < map.Length; start++)
        {
            if (seen[start] || map[start] <= PixelThreshold) continue;
            int x0 = w, y0 = h, x1 = 0, y1 = 0, n = 0;
            double sum = 0;
            seen[start] = true;
            stack.Push(start);
            while (stack.Count > 0)
            {
                var i = stack.Pop();
                int x = i % w, y = i / w;
                x0 = Math.Min(x0, x); x1 = Math.Max(x1, x); y0 = Math.Min(y0, y); y1 = Math.Max(y1, y);
                sum += map[i];
                n++;
                if (x > 0) Visit(i - 1);
                if (x < w - 1) Visit(i + 1);
                if (y > 0) Visit(i - w);
                if (y < h - 1) Visit(i + w);
            }
            var bw = x1 - x0 + 1;
            var bh = y1 - y0 + 1;
            if (Math.Min(bw, bh) < 3 || sum / n < BoxThreshold) continue;
            var d = bw * bh * Unclip / (2.0 * (bw + bh));
            boxes.Add(new PixelBox(x0 - d, y0 - d, x1 + 1 + d, y1 + 1 + d));
        }
        return boxes;

        void Visit(int j)
        {
            if (seen[j] || map[j] <= PixelThreshold) return;
            seen[j] = true;
            stack.Push(j);
        }
    }
}
