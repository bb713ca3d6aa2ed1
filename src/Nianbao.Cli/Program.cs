using System.CommandLine;
using Nianbao.Cli.Commands;
using Nianbao.Documents.Model;

TextNormalizer.EnsureNormalizationWorks();

var root = new RootCommand("Nianbao 年报: read, check and write China's government information-disclosure annual reports.");
foreach (var command in CommandCatalog.All())
    root.Subcommands.Add(command);
return root.Parse(args).Invoke();
