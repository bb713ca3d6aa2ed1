using Nianbao.Server.Web;

namespace Nianbao.Server.Pages;

public sealed class DeniedModel : NianbaoPage
{
    public void OnGet() { }
}
