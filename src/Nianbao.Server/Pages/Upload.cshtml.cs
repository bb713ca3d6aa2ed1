using Nianbao.Server.Web;

namespace Nianbao.Server.Pages;

/// <summary>Drag-and-drop upload: the browser sends each file to <c>POST /api/reports</c> and shows its progress and outcome.</summary>
public sealed class UploadModel : NianbaoPage
{
    public int MaxFiles => Options.MaxFiles;
    public long MaxFileMb => Math.Max(1, Options.MaxFileBytes / (1024 * 1024));

    public void OnGet() { }
}
