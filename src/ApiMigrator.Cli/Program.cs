using ApiMigrator.Cli;

return await CliApp.RunAsync(args);
