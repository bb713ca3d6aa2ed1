using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Nianbao.Ocr;

/// <summary>
/// An 8-bit grey page image (0 black, 255 white), row-major. Colour is dropped on load: the reports
/// are black text on white paper, and the models see the same grey value in all three channels.
/// </summary>
public sealed class GrayImage
{
    /// <summary>More pixels than an A3 page at 600 dpi is not a page; refused before decoding.</summary>
    public const long MaxPixels = 7016L * 9921L;

    public int Width { get; }
    public int Height { get; }
    public byte[] Pixels { get; }

    public GrayImage(int width, int height, byte[] pixels)
    {
        if (width <= 0 || height <= 0 || pixels.Length != (long)width * height)
            throw new ArgumentException($"image of {width}x{height} needs {(long)width * height} pixels, got {pixels.Length}");
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public static GrayImage Blank(int width, int height)
    {
        var p = new byte[width * height];
        Array.Fill(p, (byte)255);
        return new GrayImage(width, height, p);
    }

    public byte this[int x, int y] => Pixels[y * Width + x];

    /// <summary>The pixel, white outside the image (pages have white margins).</summary>
    public byte At(int x, int y) => (uint)x < (uint)Width && (uint)y < (uint)Height ? Pixels[y * Width + x] : (byte)255;

    /// <summary>Netpbm grey (P5) or colour (P6) with maxval 255, as <c>pdftoppm</c> writes them.</summary>
    public static GrayImage FromNetpbm(ReadOnlySpan<byte> bytes)
    {
        var pos = 0;
        var magic = Token(bytes, ref pos);
        if (magic is not ("P5" or "P6")) throw new FormatException("not a binary PGM/PPM image");
        var width = int.Parse(Token(bytes, ref pos));
        var height = int.Parse(Token(bytes, ref pos));
        var max = int.Parse(Token(bytes, ref pos));
        pos++; // the single whitespace after maxval
        if (max != 255) throw new FormatException("only 8-bit PGM/PPM images are read");
        if ((long)width * height > MaxPixels) throw new FormatException($"image of {width}x{height} pixels is larger than any page");
        var channels = magic == "P5" ? 1 : 3;
        if (bytes.Length - pos < (long)width * height * channels) throw new FormatException("truncated PGM/PPM image");
        var pixels = new byte[width * height];
        var data = bytes[pos..];
        if (channels == 1) data[..pixels.Length].CopyTo(pixels);
        else
            for (var i = 0; i < pixels.Length; i++)
                pixels[i] = Luma(data[3 * i], data[3 * i + 1], data[3 * i + 2]);
        return new GrayImage(width, height, pixels);
    }

    private static string Token(ReadOnlySpan<byte> bytes, ref int pos)
    {
        while (pos < bytes.Length)
        {
            if (bytes[pos] == '#') { while (pos < bytes.Length && bytes[pos] != '\n') pos++; }
            else if (char.IsWhiteSpace((char)bytes[pos])) pos++;
            else break;
        }
        var start = pos;
        while (pos < bytes.Length && !char.IsWhiteSpace((char)bytes[pos])) pos++;
        return System.Text.Encoding.ASCII.GetString(bytes[start..pos]);
    }

    private static byte Luma(byte r, byte g, byte b) => (byte)((r * 299 + g * 587 + b * 114 + 500) / 1000);

    /// <summary>
    /// Every frame of a PNG, JPEG, TIFF, BMP or GIF (a multi-page TIFF is several pages), with its
    /// resolution in dots per inch when the file states one. Transparent pixels count as paper.
    /// </summary>
    public static IReadOnlyList<(GrayImage Image, double? Dpi)> Decode(byte[] bytes)
    {
        var info = Image.Identify(bytes) ?? throw new FormatException("not an image format that can be read");
        if ((long)info.Width * info.Height > MaxPixels) throw new FormatException($"image of {info.Width}x{info.Height} pixels is larger than any page");
        using var image = Image.Load<Rgba32>(bytes);
        double? dpi = image.Metadata.ResolutionUnits switch
        {
            SixLabors.ImageSharp.Metadata.PixelResolutionUnit.PixelsPerInch when image.Metadata.HorizontalResolution > 1 => image.Metadata.HorizontalResolution,
            SixLabors.ImageSharp.Metadata.PixelResolutionUnit.PixelsPerCentimeter when image.Metadata.HorizontalResolution > 1 => image.Metadata.HorizontalResolution * 2.54,
            SixLabors.ImageSharp.Metadata.PixelResolutionUnit.PixelsPerMeter when image.Metadata.HorizontalResolution > 100 => image.Metadata.HorizontalResolution * 0.0254,
            _ => null,
        };
        var result = new List<(GrayImage, double?)>();
        for (var f = 0; f < image.Frames.Count; f++)
        {
            ImageFrame<Rgba32> frame = image.Frames[f];
            var pixels = new byte[frame.Width * frame.Height];
            frame.ProcessPixelRows(rows =>
            {
                for (var y = 0; y < rows.Height; y++)
                {
                    var row = rows.GetRowSpan(y);
                    for (var x = 0; x < row.Length; x++)
                    {
                        var p = row[x];
                        var l = Luma(p.R, p.G, p.B);
                        pixels[y * frame.Width + x] = (byte)(255 - (255 - l) * p.A / 255);
                    }
                }
            });
            result.Add((new GrayImage(frame.Width, frame.Height, pixels), dpi));
        }
        return result;
    }

    /// <summary>The rectangle [x0,x1) × [y0,y1), clipped to the image; white where it falls outside.</summary>
    public GrayImage Crop(int x0, int y0, int x1, int y1)
    {
        var w = Math.Max(1, x1 - x0);
        var h = Math.Max(1, y1 - y0);
        var p = new byte[w * h];
        for (var y = 0; y < h; y++)
        for (var x = 0; x < w; x++)
            p[y * w + x] = At(x0 + x, y0 + y);
        return new GrayImage(w, h, p);
    }

    /// <summary>Bilinear resize (downscaling by area when shrinking a lot keeps thin strokes).</summary>
    public GrayImage Resize(int width, int height)
    {
        var p = new byte[width * height];
        var sx = (double)Width / width;
        var sy = (double)Height / height;
        if (sx >= 2 || sy >= 2) return ResizeArea(width, height);
        for (var y = 0; y < height; y++)
        {
            var fy = Math.Max(0, (y + 0.5) * sy - 0.5);
            var y0 = Math.Min((int)fy, Height - 1);
            var y1 = Math.Min(y0 + 1, Height - 1);
            var wy = fy - y0;
            for (var x = 0; x < width; x++)
            {
                var fx = Math.Max(0, (x + 0.5) * sx - 0.5);
                var x0 = Math.Min((int)fx, Width - 1);
                var x1 = Math.Min(x0 + 1, Width - 1);
                var wx = fx - x0;
                var top = this[x0, y0] * (1 - wx) + this[x1, y0] * wx;
                var bottom = this[x0, y1] * (1 - wx) + this[x1, y1] * wx;
                p[y * width + x] = (byte)Math.Clamp(top * (1 - wy) + bottom * wy + 0.5, 0, 255);
            }
        }
        return new GrayImage(width, height, p);
    }

    private GrayImage ResizeArea(int width, int height)
    {
        var p = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            var ya = y * Height / height;
            var yb = Math.Max(ya + 1, (y + 1) * Height / height);
            for (var x = 0; x < width; x++)
            {
                var xa = x * Width / width;
                var xb = Math.Max(xa + 1, (x + 1) * Width / width);
                var sum = 0;
                for (var yy = ya; yy < yb; yy++)
                for (var xx = xa; xx < xb; xx++)
                    sum += Pixels[yy * Width + xx];
                p[y * width + x] = (byte)(sum / ((yb - ya) * (xb - xa)));
            }
        }
        return new GrayImage(width, height, p);
    }

    /// <summary>Rotated by <paramref name="degrees"/> (counter-clockwise) about the centre, same size, white corners.</summary>
    public GrayImage Rotate(double degrees)
    {
        var a = degrees * Math.PI / 180;
        var cos = Math.Cos(a);
        var sin = Math.Sin(a);
        var cx = Width / 2.0;
        var cy = Height / 2.0;
        var p = new byte[Width * Height];
        Parallel.For(0, Height, y =>
        {
            for (var x = 0; x < Width; x++)
            {
                // Source of destination pixel (x, y): rotate back.
                var dx = x - cx;
                var dy = y - cy;
                var fx = cos * dx - sin * dy + cx;
                var fy = sin * dx + cos * dy + cy;
                var x0 = (int)Math.Floor(fx);
                var y0 = (int)Math.Floor(fy);
                var wx = fx - x0;
                var wy = fy - y0;
                var v = (At(x0, y0) * (1 - wx) + At(x0 + 1, y0) * wx) * (1 - wy) + (At(x0, y0 + 1) * (1 - wx) + At(x0 + 1, y0 + 1) * wx) * wy;
                p[y * Width + x] = (byte)Math.Clamp(v + 0.5, 0, 255);
            }
        });
        return new GrayImage(Width, Height, p);
    }
}
