using Microsoft.AspNetCore.Mvc;
using Nianbao.Server.Web;

namespace Nianbao.Server.Pages;

/// <summary>What a page's error status shows (the API answers with problem details instead).</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : NianbaoPage
{
    public string Title { get; private set; } = "出错了";
    public string Detail { get; private set; } = "";

    public void OnGet(int? code) => (Title, Detail) = code switch
    {
        404 => ("找不到页面", "这个页面或这份报告不存在，或者当前账户无权查看。"),
        403 => ("无权限", "当前账户不能进行这项操作。"),
        400 => ("请求无效", "表单已过期或内容不完整，请返回上一页刷新后重试。"),
        _ => ("出错了", "服务器未能完成这个请求。"),
    };

    // A re-executed POST (a refused form) lands here as a POST: show the same page.
    public void OnPost(int? code) => OnGet(code);
}
