using Nianbao.Server.Web;

namespace Nianbao.Server.Pages;

/// <summary>
/// Drag-and-drop upload: the browser sends each file on its own to <c>POST /api/reports</c> (so each has
/// its own progress bar and outcome). The API's cookie is SameSite=Strict and BrowserGuard refuses a
/// change sent from another origin, so the script's request needs no token of its own.
/// </summary>
public sealed class UploadModel : NianbaoPage
{
    public int MaxFiles => Options.MaxFiles;
    public long MaxFileBytes => Options.MaxFileBytes;
    public long MaxFileMb => Math.Max(1, Options.MaxFileBytes / (1024 * 1024));

    public void OnGet() { }
}
