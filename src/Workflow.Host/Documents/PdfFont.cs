using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PdfSharp.Fonts;

namespace Workflow.Host.Documents;

/// <summary>Settings under "Documents": the CJK font the PDF 审批单 embeds.</summary>
public sealed class DocumentsOptions
{
    public const string Section = "Documents";

    /// <summary>A .ttf, .otf or .ttc file holding Chinese glyphs; empty = look in the usual font folders.</summary>
    public string? PdfFontPath { get; set; }
}

/// <summary>
/// The CJK font file the PDFs embed. The official names (仿宋_GB2312, 宋体, 黑体) are asked for, but every one maps to this
/// file's first face, so the PDF renders the same on a machine without those fonts.
/// </summary>
public sealed class PdfFont
{
    // Fonts with Chinese glyphs, best first, where Debian/Ubuntu, RHEL and Windows install them.
    private static readonly string[] Candidates =
    [
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
        @"C:\Windows\Fonts\simfang.ttf",
        @"C:\Windows\Fonts\simsun.ttc",
        @"C:\Windows\Fonts\msyh.ttc",
    ];

    private readonly Lazy<byte[]?> bytes;

    /// <summary>The configured font file, else the first of the usual ones on this machine.</summary>
    public PdfFont(IOptions<DocumentsOptions> options)
        : this(string.IsNullOrWhiteSpace(options.Value.PdfFontPath) ? Candidates.FirstOrDefault(File.Exists) : options.Value.PdfFontPath)
    {
    }

    /// <summary>The font in file <paramref name="path"/>; null: no font, and the PDFs are refused.</summary>
    public PdfFont(string? path)
    {
        Path = path;
        bytes = new(() => Path is null ? null : TrueTypeCollection.FirstFace(File.ReadAllBytes(Path)));
    }

    /// <summary>The font file used, or null when none was configured or found.</summary>
    public string? Path { get; }

    /// <summary>The face to embed, or null when there is no font.</summary>
    public byte[]? Face => bytes.Value;

    /// <summary>Whether a configured path names a readable font file (checked on start).</summary>
    public static bool IsUsable(string? path) =>
        string.IsNullOrWhiteSpace(path) || (File.Exists(path) && TrueTypeCollection.LooksLikeFont(path));

    /// <summary>Makes PDFsharp draw every family with <paramref name="face"/>; PDFsharp's resolver is process-wide.</summary>
    internal static void Use(byte[] face)
    {
        lock (Resolver.Gate)
        {
            Resolver.Current = face;
            GlobalFontSettings.FontResolver ??= new Resolver();
        }
    }

    private sealed class Resolver : IFontResolver
    {
        internal static readonly Lock Gate = new();
        internal static byte[]? Current;
        private const string FaceName = "ApprovalFlowCjk";

        public FontResolverInfo ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
            new(FaceName, mustSimulateBold: isBold, mustSimulateItalic: isItalic);

        public byte[]? GetFont(string faceName) => Current;
    }
}

/// <summary>Warns on start when the PDF 审批单 has no font to embed, so the operator hears it before a user does.</summary>
public sealed class PdfFontStartupCheck(PdfFont font, ILogger<PdfFontStartupCheck> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (font.Path is null)
            log.LogWarning("No CJK font found for the PDF approval sheets (审批单): install fonts-wqy-microhei or set Documents:PdfFontPath; "
                           + "until then downloading a 审批单 is refused.");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
