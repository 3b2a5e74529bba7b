using GameCluster.Bench;

return await BenchCommand.RunAsync(args);
