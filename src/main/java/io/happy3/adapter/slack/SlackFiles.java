package io.happy3.adapter.slack;

import static java.util.Objects.requireNonNull;

import com.slack.api.methods.request.files.FilesCompleteUploadExternalRequest;
import com.slack.api.methods.response.files.FilesGetUploadURLExternalResponse;
import io.happy3.domain.chat.ChannelRef;
import io.happy3.domain.nudge.ChatDeliveryException;
import io.happy3.domain.nudge.ChatGateway;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Posts a file to a channel with Slack's external upload flow: {@code files.getUploadURLExternal}, the
 * bytes to the returned URL, then {@code files.completeUploadExternal} shares it with a comment.
 */
final class SlackFiles {
    private final SlackWebApi api;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    SlackFiles(SlackWebApi api) {
        this.api = requireNonNull(api, "api == null");
    }

    void upload(ChannelRef channel, String comment, ChatGateway.Attachment file) {
        FilesGetUploadURLExternalResponse target = api.call(channel.tenant(), "files.getUploadURLExternal",
                methods -> methods.filesGetUploadURLExternal(request -> request.filename(file.fileName())
                        .length(file.bytes().length)));
        send(target.getUploadUrl(), file);
        api.call(channel.tenant(), "files.completeUploadExternal",
                methods -> methods.filesCompleteUploadExternal(request -> request.channelId(channel.channel())
                        .initialComment(comment).files(List.of(FilesCompleteUploadExternalRequest.FileDetails
                                .builder().id(target.getFileId()).title(file.fileName()).build()))));
    }

    private void send(String url, ChatGateway.Attachment file) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", file.mimeType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(file.bytes())).build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
                throw ChatDeliveryException.transientFailure("file upload: HTTP " + response.statusCode(), null);
            }
        } catch (IOException e) {
            throw ChatDeliveryException.transientFailure("file upload: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ChatDeliveryException.transientFailure("file upload interrupted", e);
        }
    }
}
