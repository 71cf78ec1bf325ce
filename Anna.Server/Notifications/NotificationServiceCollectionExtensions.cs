namespace Anna.Server.Notifications;

public static class NotificationServiceCollectionExtensions
{
    /// <summary>Webhooks (the queue that takes events off the feed, the sender, its HTTP client) and the desktop notices.</summary>
    public static IServiceCollection AddAnnaNotifications(this IServiceCollection services)
    {
        services.AddHttpClient(WebhookSender.ClientName, client =>
            {
                // Each try has its own deadline (timeout_seconds) in the sender's pipeline.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd($"Anna/{typeof(WebhookSender).Assembly.GetName().Version}");
            })
            // A receiver's redirect is not followed: deliveries go where healing.toml says, nowhere else.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        services.AddSingleton<WebhookSender>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookSender>());
        services.AddHostedService<WebhookQueue>();
        services.AddSingleton<NoticeBoard>();
        services.AddHostedService(sp => sp.GetRequiredService<NoticeBoard>());
        return services;
    }
}
