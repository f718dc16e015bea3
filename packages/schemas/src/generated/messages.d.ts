import * as $protobuf from "protobufjs";
/** Namespace commercebridge. */
export namespace commercebridge {

    /** Namespace common. */
    namespace common {

        /** Namespace v1. */
        namespace v1 {

            /** Properties of a Money. */
            interface IMoney {

                /** Money currencyCode */
                currencyCode?: (string|null);

                /** Money amount */
                amount?: (string|null);
            }

            /** Represents a Money. */
            class Money implements IMoney {

                /**
                 * Constructs a new Money.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: commercebridge.common.v1.IMoney);

                /** Money currencyCode. */
                public currencyCode: string;

                /** Money amount. */
                public amount: string;

                /**
                 * Creates a new Money instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Money instance
                 */
                public static create(properties?: commercebridge.common.v1.IMoney): commercebridge.common.v1.Money;

                /**
                 * Encodes the specified Money message. Does not implicitly {@link commercebridge.common.v1.Money.verify|verify} messages.
                 * @param message Money message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                public static encode(message: commercebridge.common.v1.IMoney, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified Money message, length delimited. Does not implicitly {@link commercebridge.common.v1.Money.verify|verify} messages.
                 * @param message Money message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                public static encodeDelimited(message: commercebridge.common.v1.IMoney, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Money message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns Money
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): commercebridge.common.v1.Money;

                /**
                 * Decodes a Money message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns Money
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): commercebridge.common.v1.Money;

                /**
                 * Verifies a Money message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                public static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a Money message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Money
                 */
                public static fromObject(object: { [k: string]: any }): commercebridge.common.v1.Money;

                /**
                 * Creates a plain object from a Money message. Also converts values to other types if specified.
                 * @param message Money
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                public static toObject(message: commercebridge.common.v1.Money, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Money to JSON.
                 * @returns JSON object
                 */
                public toJSON(): { [k: string]: any };

                /**
                 * Gets the default type url for Money
                 * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
                 * @returns The default type url
                 */
                public static getTypeUrl(typeUrlPrefix?: string): string;
            }

            /** Properties of an Address. */
            interface IAddress {

                /** Address name */
                name?: (string|null);

                /** Address lines */
                lines?: (string[]|null);

                /** Address city */
                city?: (string|null);

                /** Address region */
                region?: (string|null);

                /** Address postalCode */
                postalCode?: (string|null);

                /** Address countryCode */
                countryCode?: (string|null);
            }

            /** Represents an Address. */
            class Address implements IAddress {

                /**
                 * Constructs a new Address.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: commercebridge.common.v1.IAddress);

                /** Address name. */
                public name: string;

                /** Address lines. */
                public lines: string[];

                /** Address city. */
                public city: string;

                /** Address region. */
                public region: string;

                /** Address postalCode. */
                public postalCode: string;

                /** Address countryCode. */
                public countryCode: string;

                /**
                 * Creates a new Address instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Address instance
                 */
                public static create(properties?: commercebridge.common.v1.IAddress): commercebridge.common.v1.Address;

                /**
                 * Encodes the specified Address message. Does not implicitly {@link commercebridge.common.v1.Address.verify|verify} messages.
                 * @param message Address message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                public static encode(message: commercebridge.common.v1.IAddress, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified Address message, length delimited. Does not implicitly {@link commercebridge.common.v1.Address.verify|verify} messages.
                 * @param message Address message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                public static encodeDelimited(message: commercebridge.common.v1.IAddress, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an Address message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns Address
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): commercebridge.common.v1.Address;

                /**
                 * Decodes an Address message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns Address
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): commercebridge.common.v1.Address;

                /**
                 * Verifies an Address message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                public static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates an Address message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Address
                 */
                public static fromObject(object: { [k: string]: any }): commercebridge.common.v1.Address;

                /**
                 * Creates a plain object from an Address message. Also converts values to other types if specified.
                 * @param message Address
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                public static toObject(message: commercebridge.common.v1.Address, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Address to JSON.
                 * @returns JSON object
                 */
                public toJSON(): { [k: string]: any };

                /**
                 * Gets the default type url for Address
                 * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
                 * @returns The default type url
                 */
                public static getTypeUrl(typeUrlPrefix?: string): string;
            }

            /** Properties of a TraceContext. */
            interface ITraceContext {

                /** TraceContext traceId */
                traceId?: (string|null);

                /** TraceContext spanId */
                spanId?: (string|null);
            }

            /** Represents a TraceContext. */
            class TraceContext implements ITraceContext {

                /**
                 * Constructs a new TraceContext.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: commercebridge.common.v1.ITraceContext);

                /** TraceContext traceId. */
                public traceId: string;

                /** TraceContext spanId. */
                public spanId: string;

                /**
                 * Creates a new TraceContext instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns TraceContext instance
                 */
                public static create(properties?: commercebridge.common.v1.ITraceContext): commercebridge.common.v1.TraceContext;

                /**
                 * Encodes the specified TraceContext message. Does not implicitly {@link commercebridge.common.v1.TraceContext.verify|verify} messages.
                 * @param message TraceContext message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                public static encode(message: commercebridge.common.v1.ITraceContext, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified TraceContext message, length delimited. Does not implicitly {@link commercebridge.common.v1.TraceContext.verify|verify} messages.
                 * @param message TraceContext message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                public static encodeDelimited(message: commercebridge.common.v1.ITraceContext, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a TraceContext message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns TraceContext
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): commercebridge.common.v1.TraceContext;

                /**
                 * Decodes a TraceContext message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns TraceContext
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): commercebridge.common.v1.TraceContext;

                /**
                 * Verifies a TraceContext message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                public static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a TraceContext message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns TraceContext
                 */
                public static fromObject(object: { [k: string]: any }): commercebridge.common.v1.TraceContext;

                /**
                 * Creates a plain object from a TraceContext message. Also converts values to other types if specified.
                 * @param message TraceContext
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                public static toObject(message: commercebridge.common.v1.TraceContext, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this TraceContext to JSON.
                 * @returns JSON object
                 */
                public toJSON(): { [k: string]: any };

                /**
                 * Gets the default type url for TraceContext
                 * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
                 * @returns The default type url
                 */
                public static getTypeUrl(typeUrlPrefix?: string): string;
            }
        }
    }

    /** Namespace engagement. */
    namespace engagement {

        /** Namespace v1. */
        namespace v1 {

            /** Properties of an EngagementRecalculate. */
            interface IEngagementRecalculate {

                /** EngagementRecalculate engagementId */
                engagementId?: (string|null);

                /** EngagementRecalculate customerId */
                customerId?: (string|null);

                /** EngagementRecalculate reason */
                reason?: (string|null);

                /** EngagementRecalculate requestedAt */
                requestedAt?: (string|null);
            }

            /** Represents an EngagementRecalculate. */
            class EngagementRecalculate implements IEngagementRecalculate {

                /**
                 * Constructs a new EngagementRecalculate.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: commercebridge.engagement.v1.IEngagementRecalculate);

                /** EngagementRecalculate engagementId. */
                public engagementId: string;

                /** EngagementRecalculate customerId. */
                public customerId: string;

                /** EngagementRecalculate reason. */
                public reason: string;

                /** EngagementRecalculate requestedAt. */
                public requestedAt: string;

                /**
                 * Creates a new EngagementRecalculate instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns EngagementRecalculate instance
                 */
                public static create(properties?: commercebridge.engagement.v1.IEngagementRecalculate): commercebridge.engagement.v1.EngagementRecalculate;

                /**
                 * Encodes the specified EngagementRecalculate message. Does not implicitly {@link commercebridge.engagement.v1.EngagementRecalculate.verify|verify} messages.
                 * @param message EngagementRecalculate message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                public static encode(message: commercebridge.engagement.v1.IEngagementRecalculate, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified EngagementRecalculate message, length delimited. Does not implicitly {@link commercebridge.engagement.v1.EngagementRecalculate.verify|verify} messages.
                 * @param message EngagementRecalculate message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                public static encodeDelimited(message: commercebridge.engagement.v1.IEngagementRecalculate, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an EngagementRecalculate message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns EngagementRecalculate
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): commercebridge.engagement.v1.EngagementRecalculate;

                /**
                 * Decodes an EngagementRecalculate message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns EngagementRecalculate
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): commercebridge.engagement.v1.EngagementRecalculate;

                /**
                 * Verifies an EngagementRecalculate message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                public static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates an EngagementRecalculate message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns EngagementRecalculate
                 */
                public static fromObject(object: { [k: string]: any }): commercebridge.engagement.v1.EngagementRecalculate;

                /**
                 * Creates a plain object from an EngagementRecalculate message. Also converts values to other types if specified.
                 * @param message EngagementRecalculate
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                public static toObject(message: commercebridge.engagement.v1.EngagementRecalculate, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this EngagementRecalculate to JSON.
                 * @returns JSON object
                 */
                public toJSON(): { [k: string]: any };

                /**
                 * Gets the default type url for EngagementRecalculate
                 * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
                 * @returns The default type url
                 */
                public static getTypeUrl(typeUrlPrefix?: string): string;
            }
        }
    }

    /** Namespace logs. */
    namespace logs {

        /** Namespace v1. */
        namespace v1 {

            /** Properties of a LogEntry. */
            interface ILogEntry {

                /** LogEntry level */
                level?: (commercebridge.logs.v1.LogLevel|null);

                /** LogEntry message */
                message?: (string|null);

                /** LogEntry service */
                service?: (string|null);

                /** LogEntry metadata */
                metadata?: ({ [k: string]: string }|null);

                /** LogEntry timestamp */
                timestamp?: (string|null);

                /** LogEntry trace */
                trace?: (commercebridge.common.v1.ITraceContext|null);

                /** LogEntry host */
                host?: (string|null);

                /** LogEntry category */
                category?: (string|null);

                /** LogEntry errorStack */
                errorStack?: (string|null);
            }

            /** Represents a LogEntry. */
            class LogEntry implements ILogEntry {

                /**
                 * Constructs a new LogEntry.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: commercebridge.logs.v1.ILogEntry);

                /** LogEntry level. */
                public level: commercebridge.logs.v1.LogLevel;

                /** LogEntry message. */
                public message: string;

                /** LogEntry service. */
                public service: string;

                /** LogEntry metadata. */
                public metadata: { [k: string]: string };

                /** LogEntry timestamp. */
                public timestamp: string;

                /** LogEntry trace. */
                public trace?: (commercebridge.common.v1.ITraceContext|null);

                /** LogEntry host. */
                public host: string;

                /** LogEntry category. */
                public category: string;

                /** LogEntry errorStack. */
                public errorStack: string;

                /**
                 * Creates a new LogEntry instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns LogEntry instance
                 */
                public static create(properties?: commercebridge.logs.v1.ILogEntry): commercebridge.logs.v1.LogEntry;

                /**
                 * Encodes the specified LogEntry message. Does not implicitly {@link commercebridge.logs.v1.LogEntry.verify|verify} messages.
                 * @param message LogEntry message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                public static encode(message: commercebridge.logs.v1.ILogEntry, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified LogEntry message, length delimited. Does not implicitly {@link commercebridge.logs.v1.LogEntry.verify|verify} messages.
                 * @param message LogEntry message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                public static encodeDelimited(message: commercebridge.logs.v1.ILogEntry, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a LogEntry message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns LogEntry
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): commercebridge.logs.v1.LogEntry;

                /**
                 * Decodes a LogEntry message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns LogEntry
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): commercebridge.logs.v1.LogEntry;

                /**
                 * Verifies a LogEntry message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                public static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a LogEntry message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns LogEntry
                 */
                public static fromObject(object: { [k: string]: any }): commercebridge.logs.v1.LogEntry;

                /**
                 * Creates a plain object from a LogEntry message. Also converts values to other types if specified.
                 * @param message LogEntry
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                public static toObject(message: commercebridge.logs.v1.LogEntry, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this LogEntry to JSON.
                 * @returns JSON object
                 */
                public toJSON(): { [k: string]: any };

                /**
                 * Gets the default type url for LogEntry
                 * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
                 * @returns The default type url
                 */
                public static getTypeUrl(typeUrlPrefix?: string): string;
            }

            /** LogLevel enum. */
            enum LogLevel {
                LOG_LEVEL_UNSPECIFIED = 0,
                LOG_LEVEL_TRACE = 1,
                LOG_LEVEL_DEBUG = 2,
                LOG_LEVEL_INFO = 3,
                LOG_LEVEL_WARN = 4,
                LOG_LEVEL_ERROR = 5,
                LOG_LEVEL_FATAL = 6
            }
        }
    }

    /** Namespace notifications. */
    namespace notifications {

        /** Namespace v1. */
        namespace v1 {

            /** Properties of a Notification. */
            interface INotification {

                /** Notification notificationId */
                notificationId?: (string|null);

                /** Notification type */
                type?: (string|null);

                /** Notification userId */
                userId?: (string|null);

                /** Notification broadcast */
                broadcast?: (boolean|null);

                /** Notification data */
                data?: (Uint8Array|null);

                /** Notification dataContentType */
                dataContentType?: (string|null);

                /** Notification channel */
                channel?: (string|null);

                /** Notification title */
                title?: (string|null);

                /** Notification createdAt */
                createdAt?: (string|null);

                /** Notification expiresAt */
                expiresAt?: (string|null);
            }

            /** Represents a Notification. */
            class Notification implements INotification {

                /**
                 * Constructs a new Notification.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: commercebridge.notifications.v1.INotification);

                /** Notification notificationId. */
                public notificationId: string;

                /** Notification type. */
                public type: string;

                /** Notification userId. */
                public userId: string;

                /** Notification broadcast. */
                public broadcast: boolean;

                /** Notification data. */
                public data: Uint8Array;

                /** Notification dataContentType. */
                public dataContentType: string;

                /** Notification channel. */
                public channel: string;

                /** Notification title. */
                public title: string;

                /** Notification createdAt. */
                public createdAt: string;

                /** Notification expiresAt. */
                public expiresAt: string;

                /**
                 * Creates a new Notification instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Notification instance
                 */
                public static create(properties?: commercebridge.notifications.v1.INotification): commercebridge.notifications.v1.Notification;

                /**
                 * Encodes the specified Notification message. Does not implicitly {@link commercebridge.notifications.v1.Notification.verify|verify} messages.
                 * @param message Notification message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                public static encode(message: commercebridge.notifications.v1.INotification, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified Notification message, length delimited. Does not implicitly {@link commercebridge.notifications.v1.Notification.verify|verify} messages.
                 * @param message Notification message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                public static encodeDelimited(message: commercebridge.notifications.v1.INotification, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Notification message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns Notification
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): commercebridge.notifications.v1.Notification;

                /**
                 * Decodes a Notification message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns Notification
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): commercebridge.notifications.v1.Notification;

                /**
                 * Verifies a Notification message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                public static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a Notification message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Notification
                 */
                public static fromObject(object: { [k: string]: any }): commercebridge.notifications.v1.Notification;

                /**
                 * Creates a plain object from a Notification message. Also converts values to other types if specified.
                 * @param message Notification
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                public static toObject(message: commercebridge.notifications.v1.Notification, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Notification to JSON.
                 * @returns JSON object
                 */
                public toJSON(): { [k: string]: any };

                /**
                 * Gets the default type url for Notification
                 * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
                 * @returns The default type url
                 */
                public static getTypeUrl(typeUrlPrefix?: string): string;
            }
        }
    }

    /** Namespace orders. */
    namespace orders {

        /** Namespace v1. */
        namespace v1 {

            /** Properties of an OrderPlaced. */
            interface IOrderPlaced {

                /** OrderPlaced orderId */
                orderId?: (string|null);

                /** OrderPlaced customerId */
                customerId?: (string|null);

                /** OrderPlaced items */
                items?: (commercebridge.orders.v1.ILineItem[]|null);

                /** OrderPlaced subtotal */
                subtotal?: (commercebridge.common.v1.IMoney|null);

                /** OrderPlaced shipping */
                shipping?: (commercebridge.common.v1.IMoney|null);

                /** OrderPlaced tax */
                tax?: (commercebridge.common.v1.IMoney|null);

                /** OrderPlaced total */
                total?: (commercebridge.common.v1.IMoney|null);

                /** OrderPlaced shippingAddress */
                shippingAddress?: (commercebridge.common.v1.IAddress|null);

                /** OrderPlaced placedAt */
                placedAt?: (string|null);

                /** OrderPlaced channel */
                channel?: (string|null);
            }

            /** Represents an OrderPlaced. */
            class OrderPlaced implements IOrderPlaced {

                /**
                 * Constructs a new OrderPlaced.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: commercebridge.orders.v1.IOrderPlaced);

                /** OrderPlaced orderId. */
                public orderId: string;

                /** OrderPlaced customerId. */
                public customerId: string;

                /** OrderPlaced items. */
                public items: commercebridge.orders.v1.ILineItem[];

                /** OrderPlaced subtotal. */
                public subtotal?: (commercebridge.common.v1.IMoney|null);

                /** OrderPlaced shipping. */
                public shipping?: (commercebridge.common.v1.IMoney|null);

                /** OrderPlaced tax. */
                public tax?: (commercebridge.common.v1.IMoney|null);

                /** OrderPlaced total. */
                public total?: (commercebridge.common.v1.IMoney|null);

                /** OrderPlaced shippingAddress. */
                public shippingAddress?: (commercebridge.common.v1.IAddress|null);

                /** OrderPlaced placedAt. */
                public placedAt: string;

                /** OrderPlaced channel. */
                public channel: string;

                /**
                 * Creates a new OrderPlaced instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns OrderPlaced instance
                 */
                public static create(properties?: commercebridge.orders.v1.IOrderPlaced): commercebridge.orders.v1.OrderPlaced;

                /**
                 * Encodes the specified OrderPlaced message. Does not implicitly {@link commercebridge.orders.v1.OrderPlaced.verify|verify} messages.
                 * @param message OrderPlaced message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                public static encode(message: commercebridge.orders.v1.IOrderPlaced, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified OrderPlaced message, length delimited. Does not implicitly {@link commercebridge.orders.v1.OrderPlaced.verify|verify} messages.
                 * @param message OrderPlaced message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                public static encodeDelimited(message: commercebridge.orders.v1.IOrderPlaced, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an OrderPlaced message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns OrderPlaced
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): commercebridge.orders.v1.OrderPlaced;

                /**
                 * Decodes an OrderPlaced message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns OrderPlaced
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): commercebridge.orders.v1.OrderPlaced;

                /**
                 * Verifies an OrderPlaced message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                public static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates an OrderPlaced message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns OrderPlaced
                 */
                public static fromObject(object: { [k: string]: any }): commercebridge.orders.v1.OrderPlaced;

                /**
                 * Creates a plain object from an OrderPlaced message. Also converts values to other types if specified.
                 * @param message OrderPlaced
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                public static toObject(message: commercebridge.orders.v1.OrderPlaced, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this OrderPlaced to JSON.
                 * @returns JSON object
                 */
                public toJSON(): { [k: string]: any };

                /**
                 * Gets the default type url for OrderPlaced
                 * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
                 * @returns The default type url
                 */
                public static getTypeUrl(typeUrlPrefix?: string): string;
            }

            /** Properties of an OrderConfirmed. */
            interface IOrderConfirmed {

                /** OrderConfirmed orderId */
                orderId?: (string|null);

                /** OrderConfirmed customerId */
                customerId?: (string|null);

                /** OrderConfirmed confirmedAt */
                confirmedAt?: (string|null);

                /** OrderConfirmed paymentReference */
                paymentReference?: (string|null);
            }

            /** Represents an OrderConfirmed. */
            class OrderConfirmed implements IOrderConfirmed {

                /**
                 * Constructs a new OrderConfirmed.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: commercebridge.orders.v1.IOrderConfirmed);

                /** OrderConfirmed orderId. */
                public orderId: string;

                /** OrderConfirmed customerId. */
                public customerId: string;

                /** OrderConfirmed confirmedAt. */
                public confirmedAt: string;

                /** OrderConfirmed paymentReference. */
                public paymentReference: string;

                /**
                 * Creates a new OrderConfirmed instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns OrderConfirmed instance
                 */
                public static create(properties?: commercebridge.orders.v1.IOrderConfirmed): commercebridge.orders.v1.OrderConfirmed;

                /**
                 * Encodes the specified OrderConfirmed message. Does not implicitly {@link commercebridge.orders.v1.OrderConfirmed.verify|verify} messages.
                 * @param message OrderConfirmed message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                public static encode(message: commercebridge.orders.v1.IOrderConfirmed, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified OrderConfirmed message, length delimited. Does not implicitly {@link commercebridge.orders.v1.OrderConfirmed.verify|verify} messages.
                 * @param message OrderConfirmed message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                public static encodeDelimited(message: commercebridge.orders.v1.IOrderConfirmed, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an OrderConfirmed message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns OrderConfirmed
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): commercebridge.orders.v1.OrderConfirmed;

                /**
                 * Decodes an OrderConfirmed message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns OrderConfirmed
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): commercebridge.orders.v1.OrderConfirmed;

                /**
                 * Verifies an OrderConfirmed message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                public static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates an OrderConfirmed message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns OrderConfirmed
                 */
                public static fromObject(object: { [k: string]: any }): commercebridge.orders.v1.OrderConfirmed;

                /**
                 * Creates a plain object from an OrderConfirmed message. Also converts values to other types if specified.
                 * @param message OrderConfirmed
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                public static toObject(message: commercebridge.orders.v1.OrderConfirmed, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this OrderConfirmed to JSON.
                 * @returns JSON object
                 */
                public toJSON(): { [k: string]: any };

                /**
                 * Gets the default type url for OrderConfirmed
                 * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
                 * @returns The default type url
                 */
                public static getTypeUrl(typeUrlPrefix?: string): string;
            }

            /** Properties of an OrderCancelled. */
            interface IOrderCancelled {

                /** OrderCancelled orderId */
                orderId?: (string|null);

                /** OrderCancelled customerId */
                customerId?: (string|null);

                /** OrderCancelled cancelledAt */
                cancelledAt?: (string|null);

                /** OrderCancelled reason */
                reason?: (commercebridge.orders.v1.CancellationReason|null);

                /** OrderCancelled note */
                note?: (string|null);

                /** OrderCancelled refund */
                refund?: (commercebridge.common.v1.IMoney|null);
            }

            /** Represents an OrderCancelled. */
            class OrderCancelled implements IOrderCancelled {

                /**
                 * Constructs a new OrderCancelled.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: commercebridge.orders.v1.IOrderCancelled);

                /** OrderCancelled orderId. */
                public orderId: string;

                /** OrderCancelled customerId. */
                public customerId: string;

                /** OrderCancelled cancelledAt. */
                public cancelledAt: string;

                /** OrderCancelled reason. */
                public reason: commercebridge.orders.v1.CancellationReason;

                /** OrderCancelled note. */
                public note: string;

                /** OrderCancelled refund. */
                public refund?: (commercebridge.common.v1.IMoney|null);

                /**
                 * Creates a new OrderCancelled instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns OrderCancelled instance
                 */
                public static create(properties?: commercebridge.orders.v1.IOrderCancelled): commercebridge.orders.v1.OrderCancelled;

                /**
                 * Encodes the specified OrderCancelled message. Does not implicitly {@link commercebridge.orders.v1.OrderCancelled.verify|verify} messages.
                 * @param message OrderCancelled message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                public static encode(message: commercebridge.orders.v1.IOrderCancelled, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified OrderCancelled message, length delimited. Does not implicitly {@link commercebridge.orders.v1.OrderCancelled.verify|verify} messages.
                 * @param message OrderCancelled message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                public static encodeDelimited(message: commercebridge.orders.v1.IOrderCancelled, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an OrderCancelled message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns OrderCancelled
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): commercebridge.orders.v1.OrderCancelled;

                /**
                 * Decodes an OrderCancelled message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns OrderCancelled
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): commercebridge.orders.v1.OrderCancelled;

                /**
                 * Verifies an OrderCancelled message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                public static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates an OrderCancelled message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns OrderCancelled
                 */
                public static fromObject(object: { [k: string]: any }): commercebridge.orders.v1.OrderCancelled;

                /**
                 * Creates a plain object from an OrderCancelled message. Also converts values to other types if specified.
                 * @param message OrderCancelled
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                public static toObject(message: commercebridge.orders.v1.OrderCancelled, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this OrderCancelled to JSON.
                 * @returns JSON object
                 */
                public toJSON(): { [k: string]: any };

                /**
                 * Gets the default type url for OrderCancelled
                 * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
                 * @returns The default type url
                 */
                public static getTypeUrl(typeUrlPrefix?: string): string;
            }

            /** Properties of an OrderShipped. */
            interface IOrderShipped {

                /** OrderShipped orderId */
                orderId?: (string|null);

                /** OrderShipped customerId */
                customerId?: (string|null);

                /** OrderShipped shippedAt */
                shippedAt?: (string|null);

                /** OrderShipped carrier */
                carrier?: (string|null);

                /** OrderShipped trackingNumber */
                trackingNumber?: (string|null);

                /** OrderShipped lineItemIds */
                lineItemIds?: (string[]|null);
            }

            /** Represents an OrderShipped. */
            class OrderShipped implements IOrderShipped {

                /**
                 * Constructs a new OrderShipped.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: commercebridge.orders.v1.IOrderShipped);

                /** OrderShipped orderId. */
                public orderId: string;

                /** OrderShipped customerId. */
                public customerId: string;

                /** OrderShipped shippedAt. */
                public shippedAt: string;

                /** OrderShipped carrier. */
                public carrier: string;

                /** OrderShipped trackingNumber. */
                public trackingNumber: string;

                /** OrderShipped lineItemIds. */
                public lineItemIds: string[];

                /**
                 * Creates a new OrderShipped instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns OrderShipped instance
                 */
                public static create(properties?: commercebridge.orders.v1.IOrderShipped): commercebridge.orders.v1.OrderShipped;

                /**
                 * Encodes the specified OrderShipped message. Does not implicitly {@link commercebridge.orders.v1.OrderShipped.verify|verify} messages.
                 * @param message OrderShipped message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                public static encode(message: commercebridge.orders.v1.IOrderShipped, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified OrderShipped message, length delimited. Does not implicitly {@link commercebridge.orders.v1.OrderShipped.verify|verify} messages.
                 * @param message OrderShipped message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                public static encodeDelimited(message: commercebridge.orders.v1.IOrderShipped, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an OrderShipped message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns OrderShipped
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): commercebridge.orders.v1.OrderShipped;

                /**
                 * Decodes an OrderShipped message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns OrderShipped
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): commercebridge.orders.v1.OrderShipped;

                /**
                 * Verifies an OrderShipped message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                public static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates an OrderShipped message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns OrderShipped
                 */
                public static fromObject(object: { [k: string]: any }): commercebridge.orders.v1.OrderShipped;

                /**
                 * Creates a plain object from an OrderShipped message. Also converts values to other types if specified.
                 * @param message OrderShipped
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                public static toObject(message: commercebridge.orders.v1.OrderShipped, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this OrderShipped to JSON.
                 * @returns JSON object
                 */
                public toJSON(): { [k: string]: any };

                /**
                 * Gets the default type url for OrderShipped
                 * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
                 * @returns The default type url
                 */
                public static getTypeUrl(typeUrlPrefix?: string): string;
            }

            /** Properties of a LineItem. */
            interface ILineItem {

                /** LineItem lineItemId */
                lineItemId?: (string|null);

                /** LineItem sku */
                sku?: (string|null);

                /** LineItem name */
                name?: (string|null);

                /** LineItem quantity */
                quantity?: (number|null);

                /** LineItem unitPrice */
                unitPrice?: (commercebridge.common.v1.IMoney|null);
            }

            /** Represents a LineItem. */
            class LineItem implements ILineItem {

                /**
                 * Constructs a new LineItem.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: commercebridge.orders.v1.ILineItem);

                /** LineItem lineItemId. */
                public lineItemId: string;

                /** LineItem sku. */
                public sku: string;

                /** LineItem name. */
                public name: string;

                /** LineItem quantity. */
                public quantity: number;

                /** LineItem unitPrice. */
                public unitPrice?: (commercebridge.common.v1.IMoney|null);

                /**
                 * Creates a new LineItem instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns LineItem instance
                 */
                public static create(properties?: commercebridge.orders.v1.ILineItem): commercebridge.orders.v1.LineItem;

                /**
                 * Encodes the specified LineItem message. Does not implicitly {@link commercebridge.orders.v1.LineItem.verify|verify} messages.
                 * @param message LineItem message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                public static encode(message: commercebridge.orders.v1.ILineItem, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified LineItem message, length delimited. Does not implicitly {@link commercebridge.orders.v1.LineItem.verify|verify} messages.
                 * @param message LineItem message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                public static encodeDelimited(message: commercebridge.orders.v1.ILineItem, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a LineItem message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns LineItem
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): commercebridge.orders.v1.LineItem;

                /**
                 * Decodes a LineItem message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns LineItem
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): commercebridge.orders.v1.LineItem;

                /**
                 * Verifies a LineItem message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                public static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a LineItem message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns LineItem
                 */
                public static fromObject(object: { [k: string]: any }): commercebridge.orders.v1.LineItem;

                /**
                 * Creates a plain object from a LineItem message. Also converts values to other types if specified.
                 * @param message LineItem
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                public static toObject(message: commercebridge.orders.v1.LineItem, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this LineItem to JSON.
                 * @returns JSON object
                 */
                public toJSON(): { [k: string]: any };

                /**
                 * Gets the default type url for LineItem
                 * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
                 * @returns The default type url
                 */
                public static getTypeUrl(typeUrlPrefix?: string): string;
            }

            /** CancellationReason enum. */
            enum CancellationReason {
                CANCELLATION_REASON_UNSPECIFIED = 0,
                CANCELLATION_REASON_CUSTOMER_REQUEST = 1,
                CANCELLATION_REASON_PAYMENT_FAILED = 2,
                CANCELLATION_REASON_OUT_OF_STOCK = 3,
                CANCELLATION_REASON_FRAUD_SUSPECTED = 4
            }
        }
    }

    /** Namespace queue. */
    namespace queue {

        /** Namespace v1. */
        namespace v1 {

            /** Properties of a JobCard. */
            interface IJobCard {

                /** JobCard jobId */
                jobId?: (string|null);

                /** JobCard queue */
                queue?: (string|null);

                /** JobCard type */
                type?: (string|null);

                /** JobCard payload */
                payload?: (Uint8Array|null);

                /** JobCard payloadContentType */
                payloadContentType?: (string|null);

                /** JobCard priority */
                priority?: (number|null);

                /** JobCard attempts */
                attempts?: (number|null);

                /** JobCard maxAttempts */
                maxAttempts?: (number|null);

                /** JobCard runAt */
                runAt?: (string|null);

                /** JobCard enqueuedAt */
                enqueuedAt?: (string|null);

                /** JobCard timeoutMs */
                timeoutMs?: (number|null);

                /** JobCard orderingKey */
                orderingKey?: (string|null);

                /** JobCard batchId */
                batchId?: (string|null);

                /** JobCard labels */
                labels?: ({ [k: string]: string }|null);

                /** JobCard hasRow */
                hasRow?: (boolean|null);
            }

            /** Represents a JobCard. */
            class JobCard implements IJobCard {

                /**
                 * Constructs a new JobCard.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: commercebridge.queue.v1.IJobCard);

                /** JobCard jobId. */
                public jobId: string;

                /** JobCard queue. */
                public queue: string;

                /** JobCard type. */
                public type: string;

                /** JobCard payload. */
                public payload: Uint8Array;

                /** JobCard payloadContentType. */
                public payloadContentType: string;

                /** JobCard priority. */
                public priority: number;

                /** JobCard attempts. */
                public attempts: number;

                /** JobCard maxAttempts. */
                public maxAttempts: number;

                /** JobCard runAt. */
                public runAt: string;

                /** JobCard enqueuedAt. */
                public enqueuedAt: string;

                /** JobCard timeoutMs. */
                public timeoutMs: number;

                /** JobCard orderingKey. */
                public orderingKey: string;

                /** JobCard batchId. */
                public batchId: string;

                /** JobCard labels. */
                public labels: { [k: string]: string };

                /** JobCard hasRow. */
                public hasRow: boolean;

                /**
                 * Creates a new JobCard instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns JobCard instance
                 */
                public static create(properties?: commercebridge.queue.v1.IJobCard): commercebridge.queue.v1.JobCard;

                /**
                 * Encodes the specified JobCard message. Does not implicitly {@link commercebridge.queue.v1.JobCard.verify|verify} messages.
                 * @param message JobCard message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                public static encode(message: commercebridge.queue.v1.IJobCard, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified JobCard message, length delimited. Does not implicitly {@link commercebridge.queue.v1.JobCard.verify|verify} messages.
                 * @param message JobCard message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                public static encodeDelimited(message: commercebridge.queue.v1.IJobCard, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a JobCard message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns JobCard
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): commercebridge.queue.v1.JobCard;

                /**
                 * Decodes a JobCard message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns JobCard
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): commercebridge.queue.v1.JobCard;

                /**
                 * Verifies a JobCard message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                public static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a JobCard message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns JobCard
                 */
                public static fromObject(object: { [k: string]: any }): commercebridge.queue.v1.JobCard;

                /**
                 * Creates a plain object from a JobCard message. Also converts values to other types if specified.
                 * @param message JobCard
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                public static toObject(message: commercebridge.queue.v1.JobCard, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this JobCard to JSON.
                 * @returns JSON object
                 */
                public toJSON(): { [k: string]: any };

                /**
                 * Gets the default type url for JobCard
                 * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
                 * @returns The default type url
                 */
                public static getTypeUrl(typeUrlPrefix?: string): string;
            }

            /** Properties of a JobCompleted. */
            interface IJobCompleted {

                /** JobCompleted jobId */
                jobId?: (string|null);

                /** JobCompleted queue */
                queue?: (string|null);

                /** JobCompleted type */
                type?: (string|null);

                /** JobCompleted attempts */
                attempts?: (number|null);

                /** JobCompleted result */
                result?: (Uint8Array|null);

                /** JobCompleted resultContentType */
                resultContentType?: (string|null);

                /** JobCompleted completedAt */
                completedAt?: (string|null);

                /** JobCompleted orderingKey */
                orderingKey?: (string|null);
            }

            /** Represents a JobCompleted. */
            class JobCompleted implements IJobCompleted {

                /**
                 * Constructs a new JobCompleted.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: commercebridge.queue.v1.IJobCompleted);

                /** JobCompleted jobId. */
                public jobId: string;

                /** JobCompleted queue. */
                public queue: string;

                /** JobCompleted type. */
                public type: string;

                /** JobCompleted attempts. */
                public attempts: number;

                /** JobCompleted result. */
                public result: Uint8Array;

                /** JobCompleted resultContentType. */
                public resultContentType: string;

                /** JobCompleted completedAt. */
                public completedAt: string;

                /** JobCompleted orderingKey. */
                public orderingKey: string;

                /**
                 * Creates a new JobCompleted instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns JobCompleted instance
                 */
                public static create(properties?: commercebridge.queue.v1.IJobCompleted): commercebridge.queue.v1.JobCompleted;

                /**
                 * Encodes the specified JobCompleted message. Does not implicitly {@link commercebridge.queue.v1.JobCompleted.verify|verify} messages.
                 * @param message JobCompleted message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                public static encode(message: commercebridge.queue.v1.IJobCompleted, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Encodes the specified JobCompleted message, length delimited. Does not implicitly {@link commercebridge.queue.v1.JobCompleted.verify|verify} messages.
                 * @param message JobCompleted message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                public static encodeDelimited(message: commercebridge.queue.v1.IJobCompleted, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a JobCompleted message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns JobCompleted
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): commercebridge.queue.v1.JobCompleted;

                /**
                 * Decodes a JobCompleted message from the specified reader or buffer, length delimited.
                 * @param reader Reader or buffer to decode from
                 * @returns JobCompleted
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                public static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): commercebridge.queue.v1.JobCompleted;

                /**
                 * Verifies a JobCompleted message.
                 * @param message Plain object to verify
                 * @returns `null` if valid, otherwise the reason why it is not
                 */
                public static verify(message: { [k: string]: any }): (string|null);

                /**
                 * Creates a JobCompleted message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns JobCompleted
                 */
                public static fromObject(object: { [k: string]: any }): commercebridge.queue.v1.JobCompleted;

                /**
                 * Creates a plain object from a JobCompleted message. Also converts values to other types if specified.
                 * @param message JobCompleted
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                public static toObject(message: commercebridge.queue.v1.JobCompleted, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this JobCompleted to JSON.
                 * @returns JSON object
                 */
                public toJSON(): { [k: string]: any };

                /**
                 * Gets the default type url for JobCompleted
                 * @param [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
                 * @returns The default type url
                 */
                public static getTypeUrl(typeUrlPrefix?: string): string;
            }
        }
    }
}
