using System.CommandLine;
using Nianbao.Cli.Commands;
using Nianbao.Documents.Model;

TextNormalizer.EnsureNormalizationWorks();
Console.OutputEncoding = System.Text.Encoding.UTF8;
// Redirected output (a file, a pipe, CI logs) should not be wrapped at 80 columns.
if (Console.IsOutputRedirected) Spectre.Console.AnsiConsole.Profile.Width = 240;

var root = new RootCommand("Nianbao 年报: read, check and write China's government information-disclosure annual reports.");
root.Options.Add(Nianbao.Cli.Output.Lang.Option);
foreach (var command in CommandCatalog.All())
    root.Subcommands.Add(command);
var parsed = root.Parse(args);
Nianbao.Cli.Output.Lang.Set(parsed.GetValue(Nianbao.Cli.Output.Lang.Option));
return parsed.Invoke();
