using Microsoft.ML.OnnxRuntime;

namespace Nianbao.Ocr;

/// <summary>
/// The PP-OCRv4 detection and recognition sessions and the recognition alphabet, loaded once from
/// <c>models/ppocr-v4/</c> beside the assembly (copied there by the build; never downloaded).
/// Sessions are thread-safe for concurrent <c>Run</c> calls.
/// </summary>
public sealed class OcrModels : IDisposable
{
    public const string Folder = "models/ppocr-v4";
    private static readonly Lock Gate = new();
    private static OcrModels? _shared;

    internal InferenceSession Detection { get; }
    internal InferenceSession Recognition { get; }
    /// <summary>Class i of the recognition output is <c>Alphabet[i]</c>; class 0 is the CTC blank ("").</summary>
    internal string[] Alphabet { get; }

    private OcrModels(string folder, int threads)
    {
        var options = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        // Worker threads that spin while waiting burn the cores other work needs (a shared machine,
        // parallel file reading): they sleep instead.
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        options.AddSessionConfigEntry("session.inter_op.allow_spinning", "0");
        Detection = new InferenceSession(Path.Combine(folder, "ch_PP-OCRv4_det_infer.onnx"), options);
        Recognition = new InferenceSession(Path.Combine(folder, "ch_PP-OCRv4_rec_infer.onnx"), options);
        var keys = File.ReadAllText(Path.Combine(folder, "ppocr_keys_v1.txt")).Replace("\r", "").Split('\n');
        if (keys.Length > 0 && keys[^1].Length == 0) keys = keys[..^1];
        // PaddleOCR's CTC head: blank first, then the character list, then the space character.
        Alphabet = ["", .. keys, " "];
    }

    /// <summary>The models beside this assembly; loaded on first use and shared by every reader.</summary>
    public static OcrModels Shared
    {
        get
        {
            lock (Gate)
                return _shared ??= Load(Path.Combine(AppContext.BaseDirectory, Folder));
        }
    }

    public static OcrModels Load(string folder, int threads = 0)
    {
        if (!File.Exists(Path.Combine(folder, "ch_PP-OCRv4_rec_infer.onnx")))
            throw new FileNotFoundException($"the OCR models are missing from {folder} (they are copied there by the build from models/ppocr-v4)");
        return new OcrModels(folder, threads <= 0 ? Math.Min(Environment.ProcessorCount, 4) : threads);
    }

    public void Dispose()
    {
        Detection.Dispose();
        Recognition.Dispose();
    }
}
