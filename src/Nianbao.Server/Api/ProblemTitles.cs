using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace Nianbao.Server.Api;

/// <summary>
/// Chinese titles for the problem details the framework writes itself (an unknown route's 404, a body of
/// the wrong type's 415, …), which otherwise carry only the English reason phrase. Our own problems keep
/// their titles: only a title that is the framework's default for its status is replaced.
/// </summary>
internal static class ProblemTitles
{
    private static readonly Dictionary<int, string> Chinese = new()
    {
        [400] = "请求无效",
        [401] = "未登录",
        [403] = "无权限",
        [404] = "未找到",
        [405] = "不支持此请求方法",
        [406] = "无法提供所要求的格式",
        [408] = "请求超时",
        [409] = "冲突",
        [411] = "缺少请求长度",
        [412] = "前提条件不满足",
        [413] = "请求过大",
        [414] = "请求地址过长",
        [415] = "不支持的内容类型",
        [422] = "无法处理的内容",
        [429] = "请求过多",
        [431] = "请求头过大",
        [500] = "服务器内部错误",
        [502] = "网关错误",
        [503] = "服务暂不可用",
        [504] = "网关超时",
    };

    // ProblemDetailsDefaults gives 500 this title instead of its reason phrase.
    private const string ServerErrorDefault = "An error occurred while processing your request.";

    public static void Apply(ProblemDetails problem)
    {
        if (problem.Status is not { } status || !Chinese.TryGetValue(status, out var zh)) return;
        var english = ReasonPhrases.GetReasonPhrase(status);
        if (problem.Title is null || problem.Title == english || problem.Title == ServerErrorDefault)
            problem.Title = $"{zh} {english}";
    }
}
