using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace Nianbao.Ocr.Tests.Support;

/// <summary>
/// What a scanner does to a printed page: a slight rotation, uneven grey paper, sensor noise and
/// dust specks, then JPEG compression. Deterministic for a seed.
/// </summary>
internal static class Scanner
{
    public static GrayImage Degrade(GrayImage page, int seed, double maxDegrees = 0.8)
    {
        var random = new Random(seed);
        var degrees = (random.NextDouble() * 2 - 1) * maxDegrees;
        var rotated = page.Rotate(degrees);
        var p = (byte[])rotated.Pixels.Clone();
        for (var i = 0; i < p.Length; i++)
        {
            // Gaussian-ish sensor noise (sum of uniforms), paper a little grey, ink a little light.
            var noise = (random.NextDouble() + random.NextDouble() + random.NextDouble() - 1.5) * 18;
            var v = p[i] * 0.92 + 12 + noise;
            p[i] = (byte)Math.Clamp(v, 0, 255);
        }
        // Dust: isolated dark specks.
        var specks = p.Length / 4000;
        for (var k = 0; k < specks; k++) p[random.Next(p.Length)] = (byte)random.Next(0, 90);
        return new GrayImage(page.Width, page.Height, p);
    }

    /// <summary>The pages one under the other, as a 长图 (long picture) of a report is posted.</summary>
    public static GrayImage Stack(IReadOnlyList<GrayImage> pages)
    {
        var width = pages.Max(p => p.Width);
        var result = GrayImage.Blank(width, pages.Sum(p => p.Height));
        var y0 = 0;
        foreach (var p in pages)
        {
            for (var y = 0; y < p.Height; y++) Array.Copy(p.Pixels, y * p.Width, result.Pixels, (y0 + y) * width, p.Width);
            y0 += p.Height;
        }
        return result;
    }

    public static byte[] Jpeg(GrayImage image, int quality = 70)
    {
        using var img = ToImage(image);
        using var ms = new MemoryStream();
        img.Save(ms, new JpegEncoder { Quality = quality, ColorType = JpegColorType.Luminance });
        return ms.ToArray();
    }

    public static byte[] Png(GrayImage image, double dpi)
    {
        using var img = ToImage(image);
        img.Metadata.ResolutionUnits = SixLabors.ImageSharp.Metadata.PixelResolutionUnit.PixelsPerInch;
        img.Metadata.HorizontalResolution = dpi;
        img.Metadata.VerticalResolution = dpi;
        using var ms = new MemoryStream();
        img.Save(ms, new PngEncoder());
        return ms.ToArray();
    }

    /// <summary>The JPEG decoded again: what the scan really holds after compression.</summary>
    public static GrayImage Decode(byte[] bytes) => GrayImage.Decode(bytes)[0].Image;

    private static Image<L8> ToImage(GrayImage image)
    {
        var img = new Image<L8>(image.Width, image.Height);
        img.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < image.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < image.Width; x++) row[x] = new L8(image[x, y]);
            }
        });
        return img;
    }
}
