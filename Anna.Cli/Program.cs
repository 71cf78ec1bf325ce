using Anna.Cli;

// annactl: Anna's command line, a thin client of the REST API over the Unix socket. It decides
// nothing: every command is one or a few API calls, and what Anna decides is what it prints.
return await Cli.RunAsync(args, Console.Out, Console.Error, Console.In,
    interactive: !Console.IsInputRedirected && !Console.IsOutputRedirected, terminal: !Console.IsOutputRedirected);

