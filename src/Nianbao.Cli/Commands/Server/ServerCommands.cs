using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Nianbao.Archive;
using Nianbao.Cli.Commands.Archive;
using Nianbao.Server;
using Nianbao.Server.Accounts;

namespace Nianbao.Cli.Commands.Server;

/// <summary><c>nianbao serve</c> (the web API on the archive) and <c>nianbao users add</c> (accounts, the first administrator).</summary>
internal static class ServerCommands
{
    public static IEnumerable<Command> All() => [Serve(), Users()];

    private static Command Serve()
    {
        var db = ArchiveOptions.Db();
        var urls = new Option<string>("--urls") { Description = "监听地址 Where to listen.", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var maxFileMb = new Option<int>("--max-file-mb") { Description = "单个上传文件上限（MB） Largest uploaded file.", DefaultValueFactory = _ => 20 };
        var maxFiles = new Option<int>("--max-files") { Description = "每次上传的文件数上限 Files per upload.", DefaultValueFactory = _ => 50 };
        var command = new Command("serve", "启动网页服务 Start the HTTP API on the archive (OpenAPI at /openapi/v1.json, reference at /api/docs).") { db, urls, maxFileMb, maxFiles };
        command.SetAction(r =>
        {
            WebApplication app;
            try
            {
                app = NianbaoServer.Build(new ServerOptions
                {
                    Archive = ArchiveLocation.Resolve(r.GetValue(db)),
                    Urls = r.GetValue(urls)!,
                    MaxFileBytes = Math.Max(1, r.GetValue(maxFileMb)) * 1024L * 1024,
                    MaxFiles = Math.Max(1, r.GetValue(maxFiles)),
                });
            }
            catch (ArchiveException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 2;
            }
            app.Run();
            return 0;
        });
        return command;
    }

    private static Command Users()
    {
        var db = ArchiveOptions.Db();
        var name = new Argument<string>("name") { Description = "用户名 Account name." };
        var role = new Option<string>("--role") { Description = "角色 admin, reviewer, author or viewer.", Required = true };
        role.AcceptOnlyFromAmong([.. Roles.All]);
        var region = new Option<string?>("--region") { Description = "审核人限定地区 A reviewer's region: division code or name, as for summary --region (optional)." };
        var agency = new Option<string?>("--agency") { Description = "填报人的机关 An author's agency (id or name)." };
        var add = new Command("add", "新建账户 Add an account; the password is read from NIANBAO_PASSWORD or standard input.") { db, name, role, region, agency };
        add.SetAction(r =>
        {
            var password = Environment.GetEnvironmentVariable("NIANBAO_PASSWORD");
            if (string.IsNullOrEmpty(password))
            {
                if (!Console.IsInputRedirected) Console.Error.Write("密码 password: ");
                password = Console.ReadLine() ?? "";
            }
            using var store = ArchiveOptions.TryOpen(r.GetValue(db));
            if (store is null) return 2;
            try
            {
                var agencyId = r.GetValue(agency) is { Length: > 0 } a ? store.FindAgencyId(a) ?? a : null;
                var account = new AccountStore(store).Add(r.GetValue(name)!, password, r.GetValue(role)!, r.GetValue(region), agencyId);
                Console.Out.WriteLine($"已新建账户 added {account.Name} ({account.Role}) · {store.Location.Display}");
                return 0;
            }
            catch (AccountException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 2;
            }
        });
        return new Command("users", "账户 Accounts of the web application.") { add };
    }
}
