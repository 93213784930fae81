using Serverless.Upload;

return await UploadCommand.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
