import NIOCore
import NIOHTTP1
import NIOPosix

/// Collects one HTTP request, asks the engine for the reply (on the thread pool), and delivers
/// it after the configured latency: whole, cut off in the middle of the body, a byte at a time, or not at all.
final class EmulatorHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let engine: GongEmulatorEngine
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []

    init(engine: GongEmulatorEngine) {
        self.engine = engine
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let requestHead):
            head = requestHead
            body.removeAll(keepingCapacity: true)
        case .body(let buffer):
            body += buffer.readableBytesView
        case .end:
            guard let head else { return }
            self.head = nil
            let request = EmulatorRequest(
                method: head.method.rawValue,
                path: String(head.uri.prefix { $0 != "?" }),
                authorization: head.headers.first(name: "Authorization"),
                body: body
            )
            let keepAlive = head.isKeepAlive
            let version = head.version
            let engine = self.engine
            // Big pages take a while to build: off the event loop, which also serves other connections.
            NIOThreadPool.singleton.runIfActive(eventLoop: context.eventLoop) { engine.handle(request) }
                .assumeIsolated()
                .whenComplete { result in
                    guard case .success(let reply) = result else { return context.close(promise: nil) }
                    context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(Int64(reply.delayMilliseconds))) {
                        self.deliver(reply, version: version, keepAlive: keepAlive, context: context)
                    }
                }
        }
    }

    /// Closes connections that fail (bad HTTP, resets); the client sees a dropped connection.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private func deliver(_ reply: EmulatorReply, version: HTTPVersion, keepAlive: Bool, context: ChannelHandlerContext) {
        guard reply.delivery != .dropped else {
            context.close(promise: nil)
            return
        }
        var headers = HTTPHeaders(reply.headers)
        headers.replaceOrAdd(name: "Content-Length", value: String(reply.body.count))
        let closes = !keepAlive || reply.delivery == .truncated
        headers.replaceOrAdd(name: "Connection", value: closes ? "close" : "keep-alive")
        let head = HTTPResponseHead(version: version, status: HTTPResponseStatus(statusCode: reply.status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        switch reply.delivery {
        case .truncated:
            context.write(body(reply.body.prefix(reply.body.count / 2), context: context), promise: nil)
            context.flush()
            context.close(promise: nil)
        case .trickled(let pause):
            context.flush()
            trickle(reply.body[...], every: .milliseconds(Int64(pause)), closes: closes, context: context)
        case .complete, .dropped:
            context.write(body(reply.body, context: context), promise: nil)
            end(closes: closes, context: context)
        }
    }

    /// Sends `rest` one byte per `pause`, then ends the answer; stops when the client has gone.
    private func trickle(_ rest: ArraySlice<UInt8>, every pause: TimeAmount, closes: Bool, context: ChannelHandlerContext) {
        guard context.channel.isActive else { return }
        guard let byte = rest.first else { return end(closes: closes, context: context) }
        context.writeAndFlush(body(CollectionOfOne(byte), context: context), promise: nil)
        context.eventLoop.assumeIsolated().scheduleTask(in: pause) {
            self.trickle(rest.dropFirst(), every: pause, closes: closes, context: context)
        }
    }

    private func body(_ bytes: some Sequence<UInt8>, context: ChannelHandlerContext) -> NIOAny {
        wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: bytes))))
    }

    private func end(closes: Bool, context: ChannelHandlerContext) {
        let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if closes {
            done.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        }
    }
}
