package dev.nifiocr.emulator;

import com.sun.net.httpserver.HttpExchange;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The emulator's error messages in the language the request asks for, as Tencent answers them: English for
 * {@code X-TC-Language: en-US}, Chinese otherwise. The emulator writes a message as Tencent's Chinese wording, often with
 * its own detail in English after it; for en-US that wording becomes Tencent's English one, for every Action and service
 * (OCR, lkeap, STS), so a flow set to English never shows Chinese from the emulator.
 */
final class Wording {

    // Tencent's wording, the longer of two that start alike first
    private static final List<Map.Entry<String, String>> ENGLISH = Map.ofEntries(
            Map.entry("请求的并发任务数超过了限制", "The number of concurrent jobs exceeds the limit"),
            Map.entry("任务不存在或已过期", "The job does not exist or has expired"),
            Map.entry("任务不存在", "The task does not exist"),
            Map.entry("图片解码失败", "Image decoding failed"),
            Map.entry("图片尺寸过大", "The image is too large"),
            Map.entry("图片中未检测到文本", "No text was detected in the image"),
            Map.entry("文件解码失败", "File decoding failed"),
            Map.entry("文件内容太大", "The file is too large"),
            Map.entry("PDF解析失败", "PDF parsing failed"),
            Map.entry("本接口只支持加密传输", "This API accepts encrypted requests only"),
            Map.entry("识别失败", "Recognition failed"),
            Map.entry("缺少参数", "Missing parameter"),
            Map.entry("角色资源格式错误", "The role resource is malformed")
    ).entrySet().stream().sorted(Comparator.comparingInt((Map.Entry<String, String> entry) -> entry.getKey().length()).reversed()).toList();

    private Wording() {
    }

    static boolean english(final HttpExchange exchange) {
        return "en-US".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("X-TC-Language"));
    }

    /** The message as the request's language wants it. */
    static String in(final HttpExchange exchange, final String message) {
        return english(exchange) ? english(message) : message;
    }

    /** The message with Tencent's Chinese wording in front replaced by its English one; English messages stay. */
    static String english(final String message) {
        for (final Map.Entry<String, String> wording : ENGLISH) {
            if (message.startsWith(wording.getKey())) {
                return wording.getValue() + message.substring(wording.getKey().length());
            }
        }
        return message; // WordingTest holds every Chinese message of the emulator to this table
    }
}
