/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;

// Exported root namespace
const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const commercebridge = $root.commercebridge = (() => {

    /**
     * Namespace commercebridge.
     * @exports commercebridge
     * @namespace
     */
    const commercebridge = {};

    commercebridge.common = (function() {

        /**
         * Namespace common.
         * @memberof commercebridge
         * @namespace
         */
        const common = {};

        common.v1 = (function() {

            /**
             * Namespace v1.
             * @memberof commercebridge.common
             * @namespace
             */
            const v1 = {};

            v1.Money = (function() {

                /**
                 * Properties of a Money.
                 * @memberof commercebridge.common.v1
                 * @interface IMoney
                 * @property {string|null} [currencyCode] Money currencyCode
                 * @property {string|null} [amount] Money amount
                 */

                /**
                 * Constructs a new Money.
                 * @memberof commercebridge.common.v1
                 * @classdesc Represents a Money.
                 * @implements IMoney
                 * @constructor
                 * @param {commercebridge.common.v1.IMoney=} [properties] Properties to set
                 */
                function Money(properties) {
                    if (properties)
                        for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null)
                                this[keys[i]] = properties[keys[i]];
                }

                /**
                 * Money currencyCode.
                 * @member {string} currencyCode
                 * @memberof commercebridge.common.v1.Money
                 * @instance
                 */
                Money.prototype.currencyCode = "";

                /**
                 * Money amount.
                 * @member {string} amount
                 * @memberof commercebridge.common.v1.Money
                 * @instance
                 */
                Money.prototype.amount = "";

                /**
                 * Creates a new Money instance using the specified properties.
                 * @function create
                 * @memberof commercebridge.common.v1.Money
                 * @static
                 * @param {commercebridge.common.v1.IMoney=} [properties] Properties to set
                 * @returns {commercebridge.common.v1.Money} Money instance
                 */
                Money.create = function create(properties) {
                    return new Money(properties);
                };

                /**
                 * Encodes the specified Money message. Does not implicitly {@link commercebridge.common.v1.Money.verify|verify} messages.
                 * @function encode
                 * @memberof commercebridge.common.v1.Money
                 * @static
                 * @param {commercebridge.common.v1.IMoney} message Money message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Money.encode = function encode(message, writer) {
                    if (!writer)
                        writer = $Writer.create();
                    if (message.currencyCode != null && Object.hasOwnProperty.call(message, "currencyCode"))
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.currencyCode);
                    if (message.amount != null && Object.hasOwnProperty.call(message, "amount"))
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.amount);
                    return writer;
                };

                /**
                 * Encodes the specified Money message, length delimited. Does not implicitly {@link commercebridge.common.v1.Money.verify|verify} messages.
                 * @function encodeDelimited
                 * @memberof commercebridge.common.v1.Money
                 * @static
                 * @param {commercebridge.common.v1.IMoney} message Money message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Money.encodeDelimited = function encodeDelimited(message, writer) {
                    return this.encode(message, writer).ldelim();
                };

                /**
                 * Decodes a Money message from the specified reader or buffer.
                 * @function decode
                 * @memberof commercebridge.common.v1.Money
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {commercebridge.common.v1.Money} Money
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Money.decode = function decode(reader, length, error) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    let end = length === undefined ? reader.len : reader.pos + length, message = new $root.commercebridge.common.v1.Money();
                    while (reader.pos < end) {
                        let tag = reader.uint32();
                        if (tag === error)
                            break;
                        switch (tag >>> 3) {
                        case 1: {
                                message.currencyCode = reader.string();
                                break;
                            }
                        case 2: {
                                message.amount = reader.string();
                                break;
                            }
                        default:
                            reader.skipType(tag & 7);
                            break;
                        }
                    }
                    return message;
                };

                /**
                 * Decodes a Money message from the specified reader or buffer, length delimited.
                 * @function decodeDelimited
                 * @memberof commercebridge.common.v1.Money
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @returns {commercebridge.common.v1.Money} Money
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Money.decodeDelimited = function decodeDelimited(reader) {
                    if (!(reader instanceof $Reader))
                        reader = new $Reader(reader);
                    return this.decode(reader, reader.uint32());
                };

                /**
                 * Verifies a Money message.
                 * @function verify
                 * @memberof commercebridge.common.v1.Money
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                Money.verify = function verify(message) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (message.currencyCode != null && message.hasOwnProperty("currencyCode"))
                        if (!$util.isString(message.currencyCode))
                            return "currencyCode: string expected";
                    if (message.amount != null && message.hasOwnProperty("amount"))
                        if (!$util.isString(message.amount))
                            return "amount: string expected";
                    return null;
                };

                /**
                 * Creates a Money message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof commercebridge.common.v1.Money
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {commercebridge.common.v1.Money} Money
                 */
                Money.fromObject = function fromObject(object) {
                    if (object instanceof $root.commercebridge.common.v1.Money)
                        return object;
                    let message = new $root.commercebridge.common.v1.Money();
                    if (object.currencyCode != null)
                        message.currencyCode = String(object.currencyCode);
                    if (object.amount != null)
                        message.amount = String(object.amount);
                    return message;
                };

                /**
                 * Creates a plain object from a Money message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof commercebridge.common.v1.Money
                 * @static
                 * @param {commercebridge.common.v1.Money} message Money
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Money.toObject = function toObject(message, options) {
                    if (!options)
                        options = {};
                    let object = {};
                    if (options.defaults) {
                        object.currencyCode = "";
                        object.amount = "";
                    }
                    if (message.currencyCode != null && message.hasOwnProperty("currencyCode"))
                        object.currencyCode = message.currencyCode;
                    if (message.amount != null && message.hasOwnProperty("amount"))
                        object.amount = message.amount;
                    return object;
                };

                /**
                 * Converts this Money to JSON.
                 * @function toJSON
                 * @memberof commercebridge.common.v1.Money
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Money.prototype.toJSON = function toJSON() {
                    return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the default type url for Money
                 * @function getTypeUrl
                 * @memberof commercebridge.common.v1.Money
                 * @static
                 * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
                 * @returns {string} The default type url
                 */
                Money.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                    if (typeUrlPrefix === undefined) {
                        typeUrlPrefix = "type.googleapis.com";
                    }
                    return typeUrlPrefix + "/commercebridge.common.v1.Money";
                };

                return Money;
            })();

            v1.Address = (function() {

                /**
                 * Properties of an Address.
                 * @memberof commercebridge.common.v1
                 * @interface IAddress
                 * @property {string|null} [name] Address name
                 * @property {Array.<string>|null} [lines] Address lines
                 * @property {string|null} [city] Address city
                 * @property {string|null} [region] Address region
                 * @property {string|null} [postalCode] Address postalCode
                 * @property {string|null} [countryCode] Address countryCode
                 */

                /**
                 * Constructs a new Address.
                 * @memberof commercebridge.common.v1
                 * @classdesc Represents an Address.
                 * @implements IAddress
                 * @constructor
                 * @param {commercebridge.common.v1.IAddress=} [properties] Properties to set
                 */
                function Address(properties) {
                    this.lines = [];
                    if (properties)
                        for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null)
                                this[keys[i]] = properties[keys[i]];
                }

                /**
                 * Address name.
                 * @member {string} name
                 * @memberof commercebridge.common.v1.Address
                 * @instance
                 */
                Address.prototype.name = "";

                /**
                 * Address lines.
                 * @member {Array.<string>} lines
                 * @memberof commercebridge.common.v1.Address
                 * @instance
                 */
                Address.prototype.lines = $util.emptyArray;

                /**
                 * Address city.
                 * @member {string} city
                 * @memberof commercebridge.common.v1.Address
                 * @instance
                 */
                Address.prototype.city = "";

                /**
                 * Address region.
                 * @member {string} region
                 * @memberof commercebridge.common.v1.Address
                 * @instance
                 */
                Address.prototype.region = "";

                /**
                 * Address postalCode.
                 * @member {string} postalCode
                 * @memberof commercebridge.common.v1.Address
                 * @instance
                 */
                Address.prototype.postalCode = "";

                /**
                 * Address countryCode.
                 * @member {string} countryCode
                 * @memberof commercebridge.common.v1.Address
                 * @instance
                 */
                Address.prototype.countryCode = "";

                /**
                 * Creates a new Address instance using the specified properties.
                 * @function create
                 * @memberof commercebridge.common.v1.Address
                 * @static
                 * @param {commercebridge.common.v1.IAddress=} [properties] Properties to set
                 * @returns {commercebridge.common.v1.Address} Address instance
                 */
                Address.create = function create(properties) {
                    return new Address(properties);
                };

                /**
                 * Encodes the specified Address message. Does not implicitly {@link commercebridge.common.v1.Address.verify|verify} messages.
                 * @function encode
                 * @memberof commercebridge.common.v1.Address
                 * @static
                 * @param {commercebridge.common.v1.IAddress} message Address message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Address.encode = function encode(message, writer) {
                    if (!writer)
                        writer = $Writer.create();
                    if (message.name != null && Object.hasOwnProperty.call(message, "name"))
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.name);
                    if (message.lines != null && message.lines.length)
                        for (let i = 0; i < message.lines.length; ++i)
                            writer.uint32(/* id 2, wireType 2 =*/18).string(message.lines[i]);
                    if (message.city != null && Object.hasOwnProperty.call(message, "city"))
                        writer.uint32(/* id 3, wireType 2 =*/26).string(message.city);
                    if (message.region != null && Object.hasOwnProperty.call(message, "region"))
                        writer.uint32(/* id 4, wireType 2 =*/34).string(message.region);
                    if (message.postalCode != null && Object.hasOwnProperty.call(message, "postalCode"))
                        writer.uint32(/* id 5, wireType 2 =*/42).string(message.postalCode);
                    if (message.countryCode != null && Object.hasOwnProperty.call(message, "countryCode"))
                        writer.uint32(/* id 6, wireType 2 =*/50).string(message.countryCode);
                    return writer;
                };

                /**
                 * Encodes the specified Address message, length delimited. Does not implicitly {@link commercebridge.common.v1.Address.verify|verify} messages.
                 * @function encodeDelimited
                 * @memberof commercebridge.common.v1.Address
                 * @static
                 * @param {commercebridge.common.v1.IAddress} message Address message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Address.encodeDelimited = function encodeDelimited(message, writer) {
                    return this.encode(message, writer).ldelim();
                };

                /**
                 * Decodes an Address message from the specified reader or buffer.
                 * @function decode
                 * @memberof commercebridge.common.v1.Address
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {commercebridge.common.v1.Address} Address
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Address.decode = function decode(reader, length, error) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    let end = length === undefined ? reader.len : reader.pos + length, message = new $root.commercebridge.common.v1.Address();
                    while (reader.pos < end) {
                        let tag = reader.uint32();
                        if (tag === error)
                            break;
                        switch (tag >>> 3) {
                        case 1: {
                                message.name = reader.string();
                                break;
                            }
                        case 2: {
                                if (!(message.lines && message.lines.length))
                                    message.lines = [];
                                message.lines.push(reader.string());
                                break;
                            }
                        case 3: {
                                message.city = reader.string();
                                break;
                            }
                        case 4: {
                                message.region = reader.string();
                                break;
                            }
                        case 5: {
                                message.postalCode = reader.string();
                                break;
                            }
                        case 6: {
                                message.countryCode = reader.string();
                                break;
                            }
                        default:
                            reader.skipType(tag & 7);
                            break;
                        }
                    }
                    return message;
                };

                /**
                 * Decodes an Address message from the specified reader or buffer, length delimited.
                 * @function decodeDelimited
                 * @memberof commercebridge.common.v1.Address
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @returns {commercebridge.common.v1.Address} Address
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Address.decodeDelimited = function decodeDelimited(reader) {
                    if (!(reader instanceof $Reader))
                        reader = new $Reader(reader);
                    return this.decode(reader, reader.uint32());
                };

                /**
                 * Verifies an Address message.
                 * @function verify
                 * @memberof commercebridge.common.v1.Address
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                Address.verify = function verify(message) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (message.name != null && message.hasOwnProperty("name"))
                        if (!$util.isString(message.name))
                            return "name: string expected";
                    if (message.lines != null && message.hasOwnProperty("lines")) {
                        if (!Array.isArray(message.lines))
                            return "lines: array expected";
                        for (let i = 0; i < message.lines.length; ++i)
                            if (!$util.isString(message.lines[i]))
                                return "lines: string[] expected";
                    }
                    if (message.city != null && message.hasOwnProperty("city"))
                        if (!$util.isString(message.city))
                            return "city: string expected";
                    if (message.region != null && message.hasOwnProperty("region"))
                        if (!$util.isString(message.region))
                            return "region: string expected";
                    if (message.postalCode != null && message.hasOwnProperty("postalCode"))
                        if (!$util.isString(message.postalCode))
                            return "postalCode: string expected";
                    if (message.countryCode != null && message.hasOwnProperty("countryCode"))
                        if (!$util.isString(message.countryCode))
                            return "countryCode: string expected";
                    return null;
                };

                /**
                 * Creates an Address message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof commercebridge.common.v1.Address
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {commercebridge.common.v1.Address} Address
                 */
                Address.fromObject = function fromObject(object) {
                    if (object instanceof $root.commercebridge.common.v1.Address)
                        return object;
                    let message = new $root.commercebridge.common.v1.Address();
                    if (object.name != null)
                        message.name = String(object.name);
                    if (object.lines) {
                        if (!Array.isArray(object.lines))
                            throw TypeError(".commercebridge.common.v1.Address.lines: array expected");
                        message.lines = [];
                        for (let i = 0; i < object.lines.length; ++i)
                            message.lines[i] = String(object.lines[i]);
                    }
                    if (object.city != null)
                        message.city = String(object.city);
                    if (object.region != null)
                        message.region = String(object.region);
                    if (object.postalCode != null)
                        message.postalCode = String(object.postalCode);
                    if (object.countryCode != null)
                        message.countryCode = String(object.countryCode);
                    return message;
                };

                /**
                 * Creates a plain object from an Address message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof commercebridge.common.v1.Address
                 * @static
                 * @param {commercebridge.common.v1.Address} message Address
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Address.toObject = function toObject(message, options) {
                    if (!options)
                        options = {};
                    let object = {};
                    if (options.arrays || options.defaults)
                        object.lines = [];
                    if (options.defaults) {
                        object.name = "";
                        object.city = "";
                        object.region = "";
                        object.postalCode = "";
                        object.countryCode = "";
                    }
                    if (message.name != null && message.hasOwnProperty("name"))
                        object.name = message.name;
                    if (message.lines && message.lines.length) {
                        object.lines = [];
                        for (let j = 0; j < message.lines.length; ++j)
                            object.lines[j] = message.lines[j];
                    }
                    if (message.city != null && message.hasOwnProperty("city"))
                        object.city = message.city;
                    if (message.region != null && message.hasOwnProperty("region"))
                        object.region = message.region;
                    if (message.postalCode != null && message.hasOwnProperty("postalCode"))
                        object.postalCode = message.postalCode;
                    if (message.countryCode != null && message.hasOwnProperty("countryCode"))
                        object.countryCode = message.countryCode;
                    return object;
                };

                /**
                 * Converts this Address to JSON.
                 * @function toJSON
                 * @memberof commercebridge.common.v1.Address
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Address.prototype.toJSON = function toJSON() {
                    return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the default type url for Address
                 * @function getTypeUrl
                 * @memberof commercebridge.common.v1.Address
                 * @static
                 * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
                 * @returns {string} The default type url
                 */
                Address.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                    if (typeUrlPrefix === undefined) {
                        typeUrlPrefix = "type.googleapis.com";
                    }
                    return typeUrlPrefix + "/commercebridge.common.v1.Address";
                };

                return Address;
            })();

            v1.TraceContext = (function() {

                /**
                 * Properties of a TraceContext.
                 * @memberof commercebridge.common.v1
                 * @interface ITraceContext
                 * @property {string|null} [traceId] TraceContext traceId
                 * @property {string|null} [spanId] TraceContext spanId
                 */

                /**
                 * Constructs a new TraceContext.
                 * @memberof commercebridge.common.v1
                 * @classdesc Represents a TraceContext.
                 * @implements ITraceContext
                 * @constructor
                 * @param {commercebridge.common.v1.ITraceContext=} [properties] Properties to set
                 */
                function TraceContext(properties) {
                    if (properties)
                        for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null)
                                this[keys[i]] = properties[keys[i]];
                }

                /**
                 * TraceContext traceId.
                 * @member {string} traceId
                 * @memberof commercebridge.common.v1.TraceContext
                 * @instance
                 */
                TraceContext.prototype.traceId = "";

                /**
                 * TraceContext spanId.
                 * @member {string} spanId
                 * @memberof commercebridge.common.v1.TraceContext
                 * @instance
                 */
                TraceContext.prototype.spanId = "";

                /**
                 * Creates a new TraceContext instance using the specified properties.
                 * @function create
                 * @memberof commercebridge.common.v1.TraceContext
                 * @static
                 * @param {commercebridge.common.v1.ITraceContext=} [properties] Properties to set
                 * @returns {commercebridge.common.v1.TraceContext} TraceContext instance
                 */
                TraceContext.create = function create(properties) {
                    return new TraceContext(properties);
                };

                /**
                 * Encodes the specified TraceContext message. Does not implicitly {@link commercebridge.common.v1.TraceContext.verify|verify} messages.
                 * @function encode
                 * @memberof commercebridge.common.v1.TraceContext
                 * @static
                 * @param {commercebridge.common.v1.ITraceContext} message TraceContext message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                TraceContext.encode = function encode(message, writer) {
                    if (!writer)
                        writer = $Writer.create();
                    if (message.traceId != null && Object.hasOwnProperty.call(message, "traceId"))
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.traceId);
                    if (message.spanId != null && Object.hasOwnProperty.call(message, "spanId"))
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.spanId);
                    return writer;
                };

                /**
                 * Encodes the specified TraceContext message, length delimited. Does not implicitly {@link commercebridge.common.v1.TraceContext.verify|verify} messages.
                 * @function encodeDelimited
                 * @memberof commercebridge.common.v1.TraceContext
                 * @static
                 * @param {commercebridge.common.v1.ITraceContext} message TraceContext message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                TraceContext.encodeDelimited = function encodeDelimited(message, writer) {
                    return this.encode(message, writer).ldelim();
                };

                /**
                 * Decodes a TraceContext message from the specified reader or buffer.
                 * @function decode
                 * @memberof commercebridge.common.v1.TraceContext
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {commercebridge.common.v1.TraceContext} TraceContext
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                TraceContext.decode = function decode(reader, length, error) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    let end = length === undefined ? reader.len : reader.pos + length, message = new $root.commercebridge.common.v1.TraceContext();
                    while (reader.pos < end) {
                        let tag = reader.uint32();
                        if (tag === error)
                            break;
                        switch (tag >>> 3) {
                        case 1: {
                                message.traceId = reader.string();
                                break;
                            }
                        case 2: {
                                message.spanId = reader.string();
                                break;
                            }
                        default:
                            reader.skipType(tag & 7);
                            break;
                        }
                    }
                    return message;
                };

                /**
                 * Decodes a TraceContext message from the specified reader or buffer, length delimited.
                 * @function decodeDelimited
                 * @memberof commercebridge.common.v1.TraceContext
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @returns {commercebridge.common.v1.TraceContext} TraceContext
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                TraceContext.decodeDelimited = function decodeDelimited(reader) {
                    if (!(reader instanceof $Reader))
                        reader = new $Reader(reader);
                    return this.decode(reader, reader.uint32());
                };

                /**
                 * Verifies a TraceContext message.
                 * @function verify
                 * @memberof commercebridge.common.v1.TraceContext
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                TraceContext.verify = function verify(message) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (message.traceId != null && message.hasOwnProperty("traceId"))
                        if (!$util.isString(message.traceId))
                            return "traceId: string expected";
                    if (message.spanId != null && message.hasOwnProperty("spanId"))
                        if (!$util.isString(message.spanId))
                            return "spanId: string expected";
                    return null;
                };

                /**
                 * Creates a TraceContext message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof commercebridge.common.v1.TraceContext
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {commercebridge.common.v1.TraceContext} TraceContext
                 */
                TraceContext.fromObject = function fromObject(object) {
                    if (object instanceof $root.commercebridge.common.v1.TraceContext)
                        return object;
                    let message = new $root.commercebridge.common.v1.TraceContext();
                    if (object.traceId != null)
                        message.traceId = String(object.traceId);
                    if (object.spanId != null)
                        message.spanId = String(object.spanId);
                    return message;
                };

                /**
                 * Creates a plain object from a TraceContext message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof commercebridge.common.v1.TraceContext
                 * @static
                 * @param {commercebridge.common.v1.TraceContext} message TraceContext
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                TraceContext.toObject = function toObject(message, options) {
                    if (!options)
                        options = {};
                    let object = {};
                    if (options.defaults) {
                        object.traceId = "";
                        object.spanId = "";
                    }
                    if (message.traceId != null && message.hasOwnProperty("traceId"))
                        object.traceId = message.traceId;
                    if (message.spanId != null && message.hasOwnProperty("spanId"))
                        object.spanId = message.spanId;
                    return object;
                };

                /**
                 * Converts this TraceContext to JSON.
                 * @function toJSON
                 * @memberof commercebridge.common.v1.TraceContext
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                TraceContext.prototype.toJSON = function toJSON() {
                    return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the default type url for TraceContext
                 * @function getTypeUrl
                 * @memberof commercebridge.common.v1.TraceContext
                 * @static
                 * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
                 * @returns {string} The default type url
                 */
                TraceContext.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                    if (typeUrlPrefix === undefined) {
                        typeUrlPrefix = "type.googleapis.com";
                    }
                    return typeUrlPrefix + "/commercebridge.common.v1.TraceContext";
                };

                return TraceContext;
            })();

            return v1;
        })();

        return common;
    })();

    commercebridge.engagement = (function() {

        /**
         * Namespace engagement.
         * @memberof commercebridge
         * @namespace
         */
        const engagement = {};

        engagement.v1 = (function() {

            /**
             * Namespace v1.
             * @memberof commercebridge.engagement
             * @namespace
             */
            const v1 = {};

            v1.EngagementRecalculate = (function() {

                /**
                 * Properties of an EngagementRecalculate.
                 * @memberof commercebridge.engagement.v1
                 * @interface IEngagementRecalculate
                 * @property {string|null} [engagementId] EngagementRecalculate engagementId
                 * @property {string|null} [customerId] EngagementRecalculate customerId
                 * @property {string|null} [reason] EngagementRecalculate reason
                 * @property {string|null} [requestedAt] EngagementRecalculate requestedAt
                 */

                /**
                 * Constructs a new EngagementRecalculate.
                 * @memberof commercebridge.engagement.v1
                 * @classdesc Represents an EngagementRecalculate.
                 * @implements IEngagementRecalculate
                 * @constructor
                 * @param {commercebridge.engagement.v1.IEngagementRecalculate=} [properties] Properties to set
                 */
                function EngagementRecalculate(properties) {
                    if (properties)
                        for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null)
                                this[keys[i]] = properties[keys[i]];
                }

                /**
                 * EngagementRecalculate engagementId.
                 * @member {string} engagementId
                 * @memberof commercebridge.engagement.v1.EngagementRecalculate
                 * @instance
                 */
                EngagementRecalculate.prototype.engagementId = "";

                /**
                 * EngagementRecalculate customerId.
                 * @member {string} customerId
                 * @memberof commercebridge.engagement.v1.EngagementRecalculate
                 * @instance
                 */
                EngagementRecalculate.prototype.customerId = "";

                /**
                 * EngagementRecalculate reason.
                 * @member {string} reason
                 * @memberof commercebridge.engagement.v1.EngagementRecalculate
                 * @instance
                 */
                EngagementRecalculate.prototype.reason = "";

                /**
                 * EngagementRecalculate requestedAt.
                 * @member {string} requestedAt
                 * @memberof commercebridge.engagement.v1.EngagementRecalculate
                 * @instance
                 */
                EngagementRecalculate.prototype.requestedAt = "";

                /**
                 * Creates a new EngagementRecalculate instance using the specified properties.
                 * @function create
                 * @memberof commercebridge.engagement.v1.EngagementRecalculate
                 * @static
                 * @param {commercebridge.engagement.v1.IEngagementRecalculate=} [properties] Properties to set
                 * @returns {commercebridge.engagement.v1.EngagementRecalculate} EngagementRecalculate instance
                 */
                EngagementRecalculate.create = function create(properties) {
                    return new EngagementRecalculate(properties);
                };

                /**
                 * Encodes the specified EngagementRecalculate message. Does not implicitly {@link commercebridge.engagement.v1.EngagementRecalculate.verify|verify} messages.
                 * @function encode
                 * @memberof commercebridge.engagement.v1.EngagementRecalculate
                 * @static
                 * @param {commercebridge.engagement.v1.IEngagementRecalculate} message EngagementRecalculate message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                EngagementRecalculate.encode = function encode(message, writer) {
                    if (!writer)
                        writer = $Writer.create();
                    if (message.engagementId != null && Object.hasOwnProperty.call(message, "engagementId"))
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.engagementId);
                    if (message.customerId != null && Object.hasOwnProperty.call(message, "customerId"))
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.customerId);
                    if (message.reason != null && Object.hasOwnProperty.call(message, "reason"))
                        writer.uint32(/* id 3, wireType 2 =*/26).string(message.reason);
                    if (message.requestedAt != null && Object.hasOwnProperty.call(message, "requestedAt"))
                        writer.uint32(/* id 4, wireType 2 =*/34).string(message.requestedAt);
                    return writer;
                };

                /**
                 * Encodes the specified EngagementRecalculate message, length delimited. Does not implicitly {@link commercebridge.engagement.v1.EngagementRecalculate.verify|verify} messages.
                 * @function encodeDelimited
                 * @memberof commercebridge.engagement.v1.EngagementRecalculate
                 * @static
                 * @param {commercebridge.engagement.v1.IEngagementRecalculate} message EngagementRecalculate message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                EngagementRecalculate.encodeDelimited = function encodeDelimited(message, writer) {
                    return this.encode(message, writer).ldelim();
                };

                /**
                 * Decodes an EngagementRecalculate message from the specified reader or buffer.
                 * @function decode
                 * @memberof commercebridge.engagement.v1.EngagementRecalculate
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {commercebridge.engagement.v1.EngagementRecalculate} EngagementRecalculate
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                EngagementRecalculate.decode = function decode(reader, length, error) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    let end = length === undefined ? reader.len : reader.pos + length, message = new $root.commercebridge.engagement.v1.EngagementRecalculate();
                    while (reader.pos < end) {
                        let tag = reader.uint32();
                        if (tag === error)
                            break;
                        switch (tag >>> 3) {
                        case 1: {
                                message.engagementId = reader.string();
                                break;
                            }
                        case 2: {
                                message.customerId = reader.string();
                                break;
                            }
                        case 3: {
                                message.reason = reader.string();
                                break;
                            }
                        case 4: {
                                message.requestedAt = reader.string();
                                break;
                            }
                        default:
                            reader.skipType(tag & 7);
                            break;
                        }
                    }
                    return message;
                };

                /**
                 * Decodes an EngagementRecalculate message from the specified reader or buffer, length delimited.
                 * @function decodeDelimited
                 * @memberof commercebridge.engagement.v1.EngagementRecalculate
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @returns {commercebridge.engagement.v1.EngagementRecalculate} EngagementRecalculate
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                EngagementRecalculate.decodeDelimited = function decodeDelimited(reader) {
                    if (!(reader instanceof $Reader))
                        reader = new $Reader(reader);
                    return this.decode(reader, reader.uint32());
                };

                /**
                 * Verifies an EngagementRecalculate message.
                 * @function verify
                 * @memberof commercebridge.engagement.v1.EngagementRecalculate
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                EngagementRecalculate.verify = function verify(message) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (message.engagementId != null && message.hasOwnProperty("engagementId"))
                        if (!$util.isString(message.engagementId))
                            return "engagementId: string expected";
                    if (message.customerId != null && message.hasOwnProperty("customerId"))
                        if (!$util.isString(message.customerId))
                            return "customerId: string expected";
                    if (message.reason != null && message.hasOwnProperty("reason"))
                        if (!$util.isString(message.reason))
                            return "reason: string expected";
                    if (message.requestedAt != null && message.hasOwnProperty("requestedAt"))
                        if (!$util.isString(message.requestedAt))
                            return "requestedAt: string expected";
                    return null;
                };

                /**
                 * Creates an EngagementRecalculate message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof commercebridge.engagement.v1.EngagementRecalculate
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {commercebridge.engagement.v1.EngagementRecalculate} EngagementRecalculate
                 */
                EngagementRecalculate.fromObject = function fromObject(object) {
                    if (object instanceof $root.commercebridge.engagement.v1.EngagementRecalculate)
                        return object;
                    let message = new $root.commercebridge.engagement.v1.EngagementRecalculate();
                    if (object.engagementId != null)
                        message.engagementId = String(object.engagementId);
                    if (object.customerId != null)
                        message.customerId = String(object.customerId);
                    if (object.reason != null)
                        message.reason = String(object.reason);
                    if (object.requestedAt != null)
                        message.requestedAt = String(object.requestedAt);
                    return message;
                };

                /**
                 * Creates a plain object from an EngagementRecalculate message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof commercebridge.engagement.v1.EngagementRecalculate
                 * @static
                 * @param {commercebridge.engagement.v1.EngagementRecalculate} message EngagementRecalculate
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                EngagementRecalculate.toObject = function toObject(message, options) {
                    if (!options)
                        options = {};
                    let object = {};
                    if (options.defaults) {
                        object.engagementId = "";
                        object.customerId = "";
                        object.reason = "";
                        object.requestedAt = "";
                    }
                    if (message.engagementId != null && message.hasOwnProperty("engagementId"))
                        object.engagementId = message.engagementId;
                    if (message.customerId != null && message.hasOwnProperty("customerId"))
                        object.customerId = message.customerId;
                    if (message.reason != null && message.hasOwnProperty("reason"))
                        object.reason = message.reason;
                    if (message.requestedAt != null && message.hasOwnProperty("requestedAt"))
                        object.requestedAt = message.requestedAt;
                    return object;
                };

                /**
                 * Converts this EngagementRecalculate to JSON.
                 * @function toJSON
                 * @memberof commercebridge.engagement.v1.EngagementRecalculate
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                EngagementRecalculate.prototype.toJSON = function toJSON() {
                    return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the default type url for EngagementRecalculate
                 * @function getTypeUrl
                 * @memberof commercebridge.engagement.v1.EngagementRecalculate
                 * @static
                 * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
                 * @returns {string} The default type url
                 */
                EngagementRecalculate.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                    if (typeUrlPrefix === undefined) {
                        typeUrlPrefix = "type.googleapis.com";
                    }
                    return typeUrlPrefix + "/commercebridge.engagement.v1.EngagementRecalculate";
                };

                return EngagementRecalculate;
            })();

            return v1;
        })();

        return engagement;
    })();

    commercebridge.logs = (function() {

        /**
         * Namespace logs.
         * @memberof commercebridge
         * @namespace
         */
        const logs = {};

        logs.v1 = (function() {

            /**
             * Namespace v1.
             * @memberof commercebridge.logs
             * @namespace
             */
            const v1 = {};

            v1.LogEntry = (function() {

                /**
                 * Properties of a LogEntry.
                 * @memberof commercebridge.logs.v1
                 * @interface ILogEntry
                 * @property {commercebridge.logs.v1.LogLevel|null} [level] LogEntry level
                 * @property {string|null} [message] LogEntry message
                 * @property {string|null} [service] LogEntry service
                 * @property {Object.<string,string>|null} [metadata] LogEntry metadata
                 * @property {string|null} [timestamp] LogEntry timestamp
                 * @property {commercebridge.common.v1.ITraceContext|null} [trace] LogEntry trace
                 * @property {string|null} [host] LogEntry host
                 * @property {string|null} [category] LogEntry category
                 * @property {string|null} [errorStack] LogEntry errorStack
                 */

                /**
                 * Constructs a new LogEntry.
                 * @memberof commercebridge.logs.v1
                 * @classdesc Represents a LogEntry.
                 * @implements ILogEntry
                 * @constructor
                 * @param {commercebridge.logs.v1.ILogEntry=} [properties] Properties to set
                 */
                function LogEntry(properties) {
                    this.metadata = {};
                    if (properties)
                        for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null)
                                this[keys[i]] = properties[keys[i]];
                }

                /**
                 * LogEntry level.
                 * @member {commercebridge.logs.v1.LogLevel} level
                 * @memberof commercebridge.logs.v1.LogEntry
                 * @instance
                 */
                LogEntry.prototype.level = 0;

                /**
                 * LogEntry message.
                 * @member {string} message
                 * @memberof commercebridge.logs.v1.LogEntry
                 * @instance
                 */
                LogEntry.prototype.message = "";

                /**
                 * LogEntry service.
                 * @member {string} service
                 * @memberof commercebridge.logs.v1.LogEntry
                 * @instance
                 */
                LogEntry.prototype.service = "";

                /**
                 * LogEntry metadata.
                 * @member {Object.<string,string>} metadata
                 * @memberof commercebridge.logs.v1.LogEntry
                 * @instance
                 */
                LogEntry.prototype.metadata = $util.emptyObject;

                /**
                 * LogEntry timestamp.
                 * @member {string} timestamp
                 * @memberof commercebridge.logs.v1.LogEntry
                 * @instance
                 */
                LogEntry.prototype.timestamp = "";

                /**
                 * LogEntry trace.
                 * @member {commercebridge.common.v1.ITraceContext|null|undefined} trace
                 * @memberof commercebridge.logs.v1.LogEntry
                 * @instance
                 */
                LogEntry.prototype.trace = null;

                /**
                 * LogEntry host.
                 * @member {string} host
                 * @memberof commercebridge.logs.v1.LogEntry
                 * @instance
                 */
                LogEntry.prototype.host = "";

                /**
                 * LogEntry category.
                 * @member {string} category
                 * @memberof commercebridge.logs.v1.LogEntry
                 * @instance
                 */
                LogEntry.prototype.category = "";

                /**
                 * LogEntry errorStack.
                 * @member {string} errorStack
                 * @memberof commercebridge.logs.v1.LogEntry
                 * @instance
                 */
                LogEntry.prototype.errorStack = "";

                /**
                 * Creates a new LogEntry instance using the specified properties.
                 * @function create
                 * @memberof commercebridge.logs.v1.LogEntry
                 * @static
                 * @param {commercebridge.logs.v1.ILogEntry=} [properties] Properties to set
                 * @returns {commercebridge.logs.v1.LogEntry} LogEntry instance
                 */
                LogEntry.create = function create(properties) {
                    return new LogEntry(properties);
                };

                /**
                 * Encodes the specified LogEntry message. Does not implicitly {@link commercebridge.logs.v1.LogEntry.verify|verify} messages.
                 * @function encode
                 * @memberof commercebridge.logs.v1.LogEntry
                 * @static
                 * @param {commercebridge.logs.v1.ILogEntry} message LogEntry message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                LogEntry.encode = function encode(message, writer) {
                    if (!writer)
                        writer = $Writer.create();
                    if (message.level != null && Object.hasOwnProperty.call(message, "level"))
                        writer.uint32(/* id 1, wireType 0 =*/8).int32(message.level);
                    if (message.message != null && Object.hasOwnProperty.call(message, "message"))
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.message);
                    if (message.service != null && Object.hasOwnProperty.call(message, "service"))
                        writer.uint32(/* id 3, wireType 2 =*/26).string(message.service);
                    if (message.metadata != null && Object.hasOwnProperty.call(message, "metadata"))
                        for (let keys = Object.keys(message.metadata), i = 0; i < keys.length; ++i)
                            writer.uint32(/* id 4, wireType 2 =*/34).fork().uint32(/* id 1, wireType 2 =*/10).string(keys[i]).uint32(/* id 2, wireType 2 =*/18).string(message.metadata[keys[i]]).ldelim();
                    if (message.timestamp != null && Object.hasOwnProperty.call(message, "timestamp"))
                        writer.uint32(/* id 5, wireType 2 =*/42).string(message.timestamp);
                    if (message.trace != null && Object.hasOwnProperty.call(message, "trace"))
                        $root.commercebridge.common.v1.TraceContext.encode(message.trace, writer.uint32(/* id 6, wireType 2 =*/50).fork()).ldelim();
                    if (message.host != null && Object.hasOwnProperty.call(message, "host"))
                        writer.uint32(/* id 7, wireType 2 =*/58).string(message.host);
                    if (message.category != null && Object.hasOwnProperty.call(message, "category"))
                        writer.uint32(/* id 8, wireType 2 =*/66).string(message.category);
                    if (message.errorStack != null && Object.hasOwnProperty.call(message, "errorStack"))
                        writer.uint32(/* id 9, wireType 2 =*/74).string(message.errorStack);
                    return writer;
                };

                /**
                 * Encodes the specified LogEntry message, length delimited. Does not implicitly {@link commercebridge.logs.v1.LogEntry.verify|verify} messages.
                 * @function encodeDelimited
                 * @memberof commercebridge.logs.v1.LogEntry
                 * @static
                 * @param {commercebridge.logs.v1.ILogEntry} message LogEntry message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                LogEntry.encodeDelimited = function encodeDelimited(message, writer) {
                    return this.encode(message, writer).ldelim();
                };

                /**
                 * Decodes a LogEntry message from the specified reader or buffer.
                 * @function decode
                 * @memberof commercebridge.logs.v1.LogEntry
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {commercebridge.logs.v1.LogEntry} LogEntry
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                LogEntry.decode = function decode(reader, length, error) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    let end = length === undefined ? reader.len : reader.pos + length, message = new $root.commercebridge.logs.v1.LogEntry(), key, value;
                    while (reader.pos < end) {
                        let tag = reader.uint32();
                        if (tag === error)
                            break;
                        switch (tag >>> 3) {
                        case 1: {
                                message.level = reader.int32();
                                break;
                            }
                        case 2: {
                                message.message = reader.string();
                                break;
                            }
                        case 3: {
                                message.service = reader.string();
                                break;
                            }
                        case 4: {
                                if (message.metadata === $util.emptyObject)
                                    message.metadata = {};
                                let end2 = reader.uint32() + reader.pos;
                                key = "";
                                value = "";
                                while (reader.pos < end2) {
                                    let tag2 = reader.uint32();
                                    switch (tag2 >>> 3) {
                                    case 1:
                                        key = reader.string();
                                        break;
                                    case 2:
                                        value = reader.string();
                                        break;
                                    default:
                                        reader.skipType(tag2 & 7);
                                        break;
                                    }
                                }
                                message.metadata[key] = value;
                                break;
                            }
                        case 5: {
                                message.timestamp = reader.string();
                                break;
                            }
                        case 6: {
                                message.trace = $root.commercebridge.common.v1.TraceContext.decode(reader, reader.uint32());
                                break;
                            }
                        case 7: {
                                message.host = reader.string();
                                break;
                            }
                        case 8: {
                                message.category = reader.string();
                                break;
                            }
                        case 9: {
                                message.errorStack = reader.string();
                                break;
                            }
                        default:
                            reader.skipType(tag & 7);
                            break;
                        }
                    }
                    return message;
                };

                /**
                 * Decodes a LogEntry message from the specified reader or buffer, length delimited.
                 * @function decodeDelimited
                 * @memberof commercebridge.logs.v1.LogEntry
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @returns {commercebridge.logs.v1.LogEntry} LogEntry
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                LogEntry.decodeDelimited = function decodeDelimited(reader) {
                    if (!(reader instanceof $Reader))
                        reader = new $Reader(reader);
                    return this.decode(reader, reader.uint32());
                };

                /**
                 * Verifies a LogEntry message.
                 * @function verify
                 * @memberof commercebridge.logs.v1.LogEntry
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                LogEntry.verify = function verify(message) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (message.level != null && message.hasOwnProperty("level"))
                        switch (message.level) {
                        default:
                            return "level: enum value expected";
                        case 0:
                        case 1:
                        case 2:
                        case 3:
                        case 4:
                        case 5:
                        case 6:
                            break;
                        }
                    if (message.message != null && message.hasOwnProperty("message"))
                        if (!$util.isString(message.message))
                            return "message: string expected";
                    if (message.service != null && message.hasOwnProperty("service"))
                        if (!$util.isString(message.service))
                            return "service: string expected";
                    if (message.metadata != null && message.hasOwnProperty("metadata")) {
                        if (!$util.isObject(message.metadata))
                            return "metadata: object expected";
                        let key = Object.keys(message.metadata);
                        for (let i = 0; i < key.length; ++i)
                            if (!$util.isString(message.metadata[key[i]]))
                                return "metadata: string{k:string} expected";
                    }
                    if (message.timestamp != null && message.hasOwnProperty("timestamp"))
                        if (!$util.isString(message.timestamp))
                            return "timestamp: string expected";
                    if (message.trace != null && message.hasOwnProperty("trace")) {
                        let error = $root.commercebridge.common.v1.TraceContext.verify(message.trace);
                        if (error)
                            return "trace." + error;
                    }
                    if (message.host != null && message.hasOwnProperty("host"))
                        if (!$util.isString(message.host))
                            return "host: string expected";
                    if (message.category != null && message.hasOwnProperty("category"))
                        if (!$util.isString(message.category))
                            return "category: string expected";
                    if (message.errorStack != null && message.hasOwnProperty("errorStack"))
                        if (!$util.isString(message.errorStack))
                            return "errorStack: string expected";
                    return null;
                };

                /**
                 * Creates a LogEntry message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof commercebridge.logs.v1.LogEntry
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {commercebridge.logs.v1.LogEntry} LogEntry
                 */
                LogEntry.fromObject = function fromObject(object) {
                    if (object instanceof $root.commercebridge.logs.v1.LogEntry)
                        return object;
                    let message = new $root.commercebridge.logs.v1.LogEntry();
                    switch (object.level) {
                    default:
                        if (typeof object.level === "number") {
                            message.level = object.level;
                            break;
                        }
                        break;
                    case "LOG_LEVEL_UNSPECIFIED":
                    case 0:
                        message.level = 0;
                        break;
                    case "LOG_LEVEL_TRACE":
                    case 1:
                        message.level = 1;
                        break;
                    case "LOG_LEVEL_DEBUG":
                    case 2:
                        message.level = 2;
                        break;
                    case "LOG_LEVEL_INFO":
                    case 3:
                        message.level = 3;
                        break;
                    case "LOG_LEVEL_WARN":
                    case 4:
                        message.level = 4;
                        break;
                    case "LOG_LEVEL_ERROR":
                    case 5:
                        message.level = 5;
                        break;
                    case "LOG_LEVEL_FATAL":
                    case 6:
                        message.level = 6;
                        break;
                    }
                    if (object.message != null)
                        message.message = String(object.message);
                    if (object.service != null)
                        message.service = String(object.service);
                    if (object.metadata) {
                        if (typeof object.metadata !== "object")
                            throw TypeError(".commercebridge.logs.v1.LogEntry.metadata: object expected");
                        message.metadata = {};
                        for (let keys = Object.keys(object.metadata), i = 0; i < keys.length; ++i)
                            message.metadata[keys[i]] = String(object.metadata[keys[i]]);
                    }
                    if (object.timestamp != null)
                        message.timestamp = String(object.timestamp);
                    if (object.trace != null) {
                        if (typeof object.trace !== "object")
                            throw TypeError(".commercebridge.logs.v1.LogEntry.trace: object expected");
                        message.trace = $root.commercebridge.common.v1.TraceContext.fromObject(object.trace);
                    }
                    if (object.host != null)
                        message.host = String(object.host);
                    if (object.category != null)
                        message.category = String(object.category);
                    if (object.errorStack != null)
                        message.errorStack = String(object.errorStack);
                    return message;
                };

                /**
                 * Creates a plain object from a LogEntry message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof commercebridge.logs.v1.LogEntry
                 * @static
                 * @param {commercebridge.logs.v1.LogEntry} message LogEntry
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                LogEntry.toObject = function toObject(message, options) {
                    if (!options)
                        options = {};
                    let object = {};
                    if (options.objects || options.defaults)
                        object.metadata = {};
                    if (options.defaults) {
                        object.level = options.enums === String ? "LOG_LEVEL_UNSPECIFIED" : 0;
                        object.message = "";
                        object.service = "";
                        object.timestamp = "";
                        object.trace = null;
                        object.host = "";
                        object.category = "";
                        object.errorStack = "";
                    }
                    if (message.level != null && message.hasOwnProperty("level"))
                        object.level = options.enums === String ? $root.commercebridge.logs.v1.LogLevel[message.level] === undefined ? message.level : $root.commercebridge.logs.v1.LogLevel[message.level] : message.level;
                    if (message.message != null && message.hasOwnProperty("message"))
                        object.message = message.message;
                    if (message.service != null && message.hasOwnProperty("service"))
                        object.service = message.service;
                    let keys2;
                    if (message.metadata && (keys2 = Object.keys(message.metadata)).length) {
                        object.metadata = {};
                        for (let j = 0; j < keys2.length; ++j)
                            object.metadata[keys2[j]] = message.metadata[keys2[j]];
                    }
                    if (message.timestamp != null && message.hasOwnProperty("timestamp"))
                        object.timestamp = message.timestamp;
                    if (message.trace != null && message.hasOwnProperty("trace"))
                        object.trace = $root.commercebridge.common.v1.TraceContext.toObject(message.trace, options);
                    if (message.host != null && message.hasOwnProperty("host"))
                        object.host = message.host;
                    if (message.category != null && message.hasOwnProperty("category"))
                        object.category = message.category;
                    if (message.errorStack != null && message.hasOwnProperty("errorStack"))
                        object.errorStack = message.errorStack;
                    return object;
                };

                /**
                 * Converts this LogEntry to JSON.
                 * @function toJSON
                 * @memberof commercebridge.logs.v1.LogEntry
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                LogEntry.prototype.toJSON = function toJSON() {
                    return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the default type url for LogEntry
                 * @function getTypeUrl
                 * @memberof commercebridge.logs.v1.LogEntry
                 * @static
                 * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
                 * @returns {string} The default type url
                 */
                LogEntry.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                    if (typeUrlPrefix === undefined) {
                        typeUrlPrefix = "type.googleapis.com";
                    }
                    return typeUrlPrefix + "/commercebridge.logs.v1.LogEntry";
                };

                return LogEntry;
            })();

            /**
             * LogLevel enum.
             * @name commercebridge.logs.v1.LogLevel
             * @enum {number}
             * @property {number} LOG_LEVEL_UNSPECIFIED=0 LOG_LEVEL_UNSPECIFIED value
             * @property {number} LOG_LEVEL_TRACE=1 LOG_LEVEL_TRACE value
             * @property {number} LOG_LEVEL_DEBUG=2 LOG_LEVEL_DEBUG value
             * @property {number} LOG_LEVEL_INFO=3 LOG_LEVEL_INFO value
             * @property {number} LOG_LEVEL_WARN=4 LOG_LEVEL_WARN value
             * @property {number} LOG_LEVEL_ERROR=5 LOG_LEVEL_ERROR value
             * @property {number} LOG_LEVEL_FATAL=6 LOG_LEVEL_FATAL value
             */
            v1.LogLevel = (function() {
                const valuesById = {}, values = Object.create(valuesById);
                values[valuesById[0] = "LOG_LEVEL_UNSPECIFIED"] = 0;
                values[valuesById[1] = "LOG_LEVEL_TRACE"] = 1;
                values[valuesById[2] = "LOG_LEVEL_DEBUG"] = 2;
                values[valuesById[3] = "LOG_LEVEL_INFO"] = 3;
                values[valuesById[4] = "LOG_LEVEL_WARN"] = 4;
                values[valuesById[5] = "LOG_LEVEL_ERROR"] = 5;
                values[valuesById[6] = "LOG_LEVEL_FATAL"] = 6;
                return values;
            })();

            return v1;
        })();

        return logs;
    })();

    commercebridge.notifications = (function() {

        /**
         * Namespace notifications.
         * @memberof commercebridge
         * @namespace
         */
        const notifications = {};

        notifications.v1 = (function() {

            /**
             * Namespace v1.
             * @memberof commercebridge.notifications
             * @namespace
             */
            const v1 = {};

            v1.Notification = (function() {

                /**
                 * Properties of a Notification.
                 * @memberof commercebridge.notifications.v1
                 * @interface INotification
                 * @property {string|null} [notificationId] Notification notificationId
                 * @property {string|null} [type] Notification type
                 * @property {string|null} [userId] Notification userId
                 * @property {boolean|null} [broadcast] Notification broadcast
                 * @property {Uint8Array|null} [data] Notification data
                 * @property {string|null} [dataContentType] Notification dataContentType
                 * @property {string|null} [channel] Notification channel
                 * @property {string|null} [title] Notification title
                 * @property {string|null} [createdAt] Notification createdAt
                 * @property {string|null} [expiresAt] Notification expiresAt
                 */

                /**
                 * Constructs a new Notification.
                 * @memberof commercebridge.notifications.v1
                 * @classdesc Represents a Notification.
                 * @implements INotification
                 * @constructor
                 * @param {commercebridge.notifications.v1.INotification=} [properties] Properties to set
                 */
                function Notification(properties) {
                    if (properties)
                        for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null)
                                this[keys[i]] = properties[keys[i]];
                }

                /**
                 * Notification notificationId.
                 * @member {string} notificationId
                 * @memberof commercebridge.notifications.v1.Notification
                 * @instance
                 */
                Notification.prototype.notificationId = "";

                /**
                 * Notification type.
                 * @member {string} type
                 * @memberof commercebridge.notifications.v1.Notification
                 * @instance
                 */
                Notification.prototype.type = "";

                /**
                 * Notification userId.
                 * @member {string} userId
                 * @memberof commercebridge.notifications.v1.Notification
                 * @instance
                 */
                Notification.prototype.userId = "";

                /**
                 * Notification broadcast.
                 * @member {boolean} broadcast
                 * @memberof commercebridge.notifications.v1.Notification
                 * @instance
                 */
                Notification.prototype.broadcast = false;

                /**
                 * Notification data.
                 * @member {Uint8Array} data
                 * @memberof commercebridge.notifications.v1.Notification
                 * @instance
                 */
                Notification.prototype.data = $util.newBuffer([]);

                /**
                 * Notification dataContentType.
                 * @member {string} dataContentType
                 * @memberof commercebridge.notifications.v1.Notification
                 * @instance
                 */
                Notification.prototype.dataContentType = "";

                /**
                 * Notification channel.
                 * @member {string} channel
                 * @memberof commercebridge.notifications.v1.Notification
                 * @instance
                 */
                Notification.prototype.channel = "";

                /**
                 * Notification title.
                 * @member {string} title
                 * @memberof commercebridge.notifications.v1.Notification
                 * @instance
                 */
                Notification.prototype.title = "";

                /**
                 * Notification createdAt.
                 * @member {string} createdAt
                 * @memberof commercebridge.notifications.v1.Notification
                 * @instance
                 */
                Notification.prototype.createdAt = "";

                /**
                 * Notification expiresAt.
                 * @member {string} expiresAt
                 * @memberof commercebridge.notifications.v1.Notification
                 * @instance
                 */
                Notification.prototype.expiresAt = "";

                /**
                 * Creates a new Notification instance using the specified properties.
                 * @function create
                 * @memberof commercebridge.notifications.v1.Notification
                 * @static
                 * @param {commercebridge.notifications.v1.INotification=} [properties] Properties to set
                 * @returns {commercebridge.notifications.v1.Notification} Notification instance
                 */
                Notification.create = function create(properties) {
                    return new Notification(properties);
                };

                /**
                 * Encodes the specified Notification message. Does not implicitly {@link commercebridge.notifications.v1.Notification.verify|verify} messages.
                 * @function encode
                 * @memberof commercebridge.notifications.v1.Notification
                 * @static
                 * @param {commercebridge.notifications.v1.INotification} message Notification message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Notification.encode = function encode(message, writer) {
                    if (!writer)
                        writer = $Writer.create();
                    if (message.notificationId != null && Object.hasOwnProperty.call(message, "notificationId"))
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.notificationId);
                    if (message.type != null && Object.hasOwnProperty.call(message, "type"))
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.type);
                    if (message.userId != null && Object.hasOwnProperty.call(message, "userId"))
                        writer.uint32(/* id 3, wireType 2 =*/26).string(message.userId);
                    if (message.broadcast != null && Object.hasOwnProperty.call(message, "broadcast"))
                        writer.uint32(/* id 4, wireType 0 =*/32).bool(message.broadcast);
                    if (message.data != null && Object.hasOwnProperty.call(message, "data"))
                        writer.uint32(/* id 5, wireType 2 =*/42).bytes(message.data);
                    if (message.dataContentType != null && Object.hasOwnProperty.call(message, "dataContentType"))
                        writer.uint32(/* id 6, wireType 2 =*/50).string(message.dataContentType);
                    if (message.channel != null && Object.hasOwnProperty.call(message, "channel"))
                        writer.uint32(/* id 7, wireType 2 =*/58).string(message.channel);
                    if (message.title != null && Object.hasOwnProperty.call(message, "title"))
                        writer.uint32(/* id 8, wireType 2 =*/66).string(message.title);
                    if (message.createdAt != null && Object.hasOwnProperty.call(message, "createdAt"))
                        writer.uint32(/* id 9, wireType 2 =*/74).string(message.createdAt);
                    if (message.expiresAt != null && Object.hasOwnProperty.call(message, "expiresAt"))
                        writer.uint32(/* id 10, wireType 2 =*/82).string(message.expiresAt);
                    return writer;
                };

                /**
                 * Encodes the specified Notification message, length delimited. Does not implicitly {@link commercebridge.notifications.v1.Notification.verify|verify} messages.
                 * @function encodeDelimited
                 * @memberof commercebridge.notifications.v1.Notification
                 * @static
                 * @param {commercebridge.notifications.v1.INotification} message Notification message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Notification.encodeDelimited = function encodeDelimited(message, writer) {
                    return this.encode(message, writer).ldelim();
                };

                /**
                 * Decodes a Notification message from the specified reader or buffer.
                 * @function decode
                 * @memberof commercebridge.notifications.v1.Notification
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {commercebridge.notifications.v1.Notification} Notification
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Notification.decode = function decode(reader, length, error) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    let end = length === undefined ? reader.len : reader.pos + length, message = new $root.commercebridge.notifications.v1.Notification();
                    while (reader.pos < end) {
                        let tag = reader.uint32();
                        if (tag === error)
                            break;
                        switch (tag >>> 3) {
                        case 1: {
                                message.notificationId = reader.string();
                                break;
                            }
                        case 2: {
                                message.type = reader.string();
                                break;
                            }
                        case 3: {
                                message.userId = reader.string();
                                break;
                            }
                        case 4: {
                                message.broadcast = reader.bool();
                                break;
                            }
                        case 5: {
                                message.data = reader.bytes();
                                break;
                            }
                        case 6: {
                                message.dataContentType = reader.string();
                                break;
                            }
                        case 7: {
                                message.channel = reader.string();
                                break;
                            }
                        case 8: {
                                message.title = reader.string();
                                break;
                            }
                        case 9: {
                                message.createdAt = reader.string();
                                break;
                            }
                        case 10: {
                                message.expiresAt = reader.string();
                                break;
                            }
                        default:
                            reader.skipType(tag & 7);
                            break;
                        }
                    }
                    return message;
                };

                /**
                 * Decodes a Notification message from the specified reader or buffer, length delimited.
                 * @function decodeDelimited
                 * @memberof commercebridge.notifications.v1.Notification
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @returns {commercebridge.notifications.v1.Notification} Notification
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Notification.decodeDelimited = function decodeDelimited(reader) {
                    if (!(reader instanceof $Reader))
                        reader = new $Reader(reader);
                    return this.decode(reader, reader.uint32());
                };

                /**
                 * Verifies a Notification message.
                 * @function verify
                 * @memberof commercebridge.notifications.v1.Notification
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                Notification.verify = function verify(message) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (message.notificationId != null && message.hasOwnProperty("notificationId"))
                        if (!$util.isString(message.notificationId))
                            return "notificationId: string expected";
                    if (message.type != null && message.hasOwnProperty("type"))
                        if (!$util.isString(message.type))
                            return "type: string expected";
                    if (message.userId != null && message.hasOwnProperty("userId"))
                        if (!$util.isString(message.userId))
                            return "userId: string expected";
                    if (message.broadcast != null && message.hasOwnProperty("broadcast"))
                        if (typeof message.broadcast !== "boolean")
                            return "broadcast: boolean expected";
                    if (message.data != null && message.hasOwnProperty("data"))
                        if (!(message.data && typeof message.data.length === "number" || $util.isString(message.data)))
                            return "data: buffer expected";
                    if (message.dataContentType != null && message.hasOwnProperty("dataContentType"))
                        if (!$util.isString(message.dataContentType))
                            return "dataContentType: string expected";
                    if (message.channel != null && message.hasOwnProperty("channel"))
                        if (!$util.isString(message.channel))
                            return "channel: string expected";
                    if (message.title != null && message.hasOwnProperty("title"))
                        if (!$util.isString(message.title))
                            return "title: string expected";
                    if (message.createdAt != null && message.hasOwnProperty("createdAt"))
                        if (!$util.isString(message.createdAt))
                            return "createdAt: string expected";
                    if (message.expiresAt != null && message.hasOwnProperty("expiresAt"))
                        if (!$util.isString(message.expiresAt))
                            return "expiresAt: string expected";
                    return null;
                };

                /**
                 * Creates a Notification message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof commercebridge.notifications.v1.Notification
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {commercebridge.notifications.v1.Notification} Notification
                 */
                Notification.fromObject = function fromObject(object) {
                    if (object instanceof $root.commercebridge.notifications.v1.Notification)
                        return object;
                    let message = new $root.commercebridge.notifications.v1.Notification();
                    if (object.notificationId != null)
                        message.notificationId = String(object.notificationId);
                    if (object.type != null)
                        message.type = String(object.type);
                    if (object.userId != null)
                        message.userId = String(object.userId);
                    if (object.broadcast != null)
                        message.broadcast = Boolean(object.broadcast);
                    if (object.data != null)
                        if (typeof object.data === "string")
                            $util.base64.decode(object.data, message.data = $util.newBuffer($util.base64.length(object.data)), 0);
                        else if (object.data.length >= 0)
                            message.data = object.data;
                    if (object.dataContentType != null)
                        message.dataContentType = String(object.dataContentType);
                    if (object.channel != null)
                        message.channel = String(object.channel);
                    if (object.title != null)
                        message.title = String(object.title);
                    if (object.createdAt != null)
                        message.createdAt = String(object.createdAt);
                    if (object.expiresAt != null)
                        message.expiresAt = String(object.expiresAt);
                    return message;
                };

                /**
                 * Creates a plain object from a Notification message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof commercebridge.notifications.v1.Notification
                 * @static
                 * @param {commercebridge.notifications.v1.Notification} message Notification
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Notification.toObject = function toObject(message, options) {
                    if (!options)
                        options = {};
                    let object = {};
                    if (options.defaults) {
                        object.notificationId = "";
                        object.type = "";
                        object.userId = "";
                        object.broadcast = false;
                        if (options.bytes === String)
                            object.data = "";
                        else {
                            object.data = [];
                            if (options.bytes !== Array)
                                object.data = $util.newBuffer(object.data);
                        }
                        object.dataContentType = "";
                        object.channel = "";
                        object.title = "";
                        object.createdAt = "";
                        object.expiresAt = "";
                    }
                    if (message.notificationId != null && message.hasOwnProperty("notificationId"))
                        object.notificationId = message.notificationId;
                    if (message.type != null && message.hasOwnProperty("type"))
                        object.type = message.type;
                    if (message.userId != null && message.hasOwnProperty("userId"))
                        object.userId = message.userId;
                    if (message.broadcast != null && message.hasOwnProperty("broadcast"))
                        object.broadcast = message.broadcast;
                    if (message.data != null && message.hasOwnProperty("data"))
                        object.data = options.bytes === String ? $util.base64.encode(message.data, 0, message.data.length) : options.bytes === Array ? Array.prototype.slice.call(message.data) : message.data;
                    if (message.dataContentType != null && message.hasOwnProperty("dataContentType"))
                        object.dataContentType = message.dataContentType;
                    if (message.channel != null && message.hasOwnProperty("channel"))
                        object.channel = message.channel;
                    if (message.title != null && message.hasOwnProperty("title"))
                        object.title = message.title;
                    if (message.createdAt != null && message.hasOwnProperty("createdAt"))
                        object.createdAt = message.createdAt;
                    if (message.expiresAt != null && message.hasOwnProperty("expiresAt"))
                        object.expiresAt = message.expiresAt;
                    return object;
                };

                /**
                 * Converts this Notification to JSON.
                 * @function toJSON
                 * @memberof commercebridge.notifications.v1.Notification
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Notification.prototype.toJSON = function toJSON() {
                    return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the default type url for Notification
                 * @function getTypeUrl
                 * @memberof commercebridge.notifications.v1.Notification
                 * @static
                 * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
                 * @returns {string} The default type url
                 */
                Notification.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                    if (typeUrlPrefix === undefined) {
                        typeUrlPrefix = "type.googleapis.com";
                    }
                    return typeUrlPrefix + "/commercebridge.notifications.v1.Notification";
                };

                return Notification;
            })();

            return v1;
        })();

        return notifications;
    })();

    commercebridge.orders = (function() {

        /**
         * Namespace orders.
         * @memberof commercebridge
         * @namespace
         */
        const orders = {};

        orders.v1 = (function() {

            /**
             * Namespace v1.
             * @memberof commercebridge.orders
             * @namespace
             */
            const v1 = {};

            v1.OrderPlaced = (function() {

                /**
                 * Properties of an OrderPlaced.
                 * @memberof commercebridge.orders.v1
                 * @interface IOrderPlaced
                 * @property {string|null} [orderId] OrderPlaced orderId
                 * @property {string|null} [customerId] OrderPlaced customerId
                 * @property {Array.<commercebridge.orders.v1.ILineItem>|null} [items] OrderPlaced items
                 * @property {commercebridge.common.v1.IMoney|null} [subtotal] OrderPlaced subtotal
                 * @property {commercebridge.common.v1.IMoney|null} [shipping] OrderPlaced shipping
                 * @property {commercebridge.common.v1.IMoney|null} [tax] OrderPlaced tax
                 * @property {commercebridge.common.v1.IMoney|null} [total] OrderPlaced total
                 * @property {commercebridge.common.v1.IAddress|null} [shippingAddress] OrderPlaced shippingAddress
                 * @property {string|null} [placedAt] OrderPlaced placedAt
                 * @property {string|null} [channel] OrderPlaced channel
                 */

                /**
                 * Constructs a new OrderPlaced.
                 * @memberof commercebridge.orders.v1
                 * @classdesc Represents an OrderPlaced.
                 * @implements IOrderPlaced
                 * @constructor
                 * @param {commercebridge.orders.v1.IOrderPlaced=} [properties] Properties to set
                 */
                function OrderPlaced(properties) {
                    this.items = [];
                    if (properties)
                        for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null)
                                this[keys[i]] = properties[keys[i]];
                }

                /**
                 * OrderPlaced orderId.
                 * @member {string} orderId
                 * @memberof commercebridge.orders.v1.OrderPlaced
                 * @instance
                 */
                OrderPlaced.prototype.orderId = "";

                /**
                 * OrderPlaced customerId.
                 * @member {string} customerId
                 * @memberof commercebridge.orders.v1.OrderPlaced
                 * @instance
                 */
                OrderPlaced.prototype.customerId = "";

                /**
                 * OrderPlaced items.
                 * @member {Array.<commercebridge.orders.v1.ILineItem>} items
                 * @memberof commercebridge.orders.v1.OrderPlaced
                 * @instance
                 */
                OrderPlaced.prototype.items = $util.emptyArray;

                /**
                 * OrderPlaced subtotal.
                 * @member {commercebridge.common.v1.IMoney|null|undefined} subtotal
                 * @memberof commercebridge.orders.v1.OrderPlaced
                 * @instance
                 */
                OrderPlaced.prototype.subtotal = null;

                /**
                 * OrderPlaced shipping.
                 * @member {commercebridge.common.v1.IMoney|null|undefined} shipping
                 * @memberof commercebridge.orders.v1.OrderPlaced
                 * @instance
                 */
                OrderPlaced.prototype.shipping = null;

                /**
                 * OrderPlaced tax.
                 * @member {commercebridge.common.v1.IMoney|null|undefined} tax
                 * @memberof commercebridge.orders.v1.OrderPlaced
                 * @instance
                 */
                OrderPlaced.prototype.tax = null;

                /**
                 * OrderPlaced total.
                 * @member {commercebridge.common.v1.IMoney|null|undefined} total
                 * @memberof commercebridge.orders.v1.OrderPlaced
                 * @instance
                 */
                OrderPlaced.prototype.total = null;

                /**
                 * OrderPlaced shippingAddress.
                 * @member {commercebridge.common.v1.IAddress|null|undefined} shippingAddress
                 * @memberof commercebridge.orders.v1.OrderPlaced
                 * @instance
                 */
                OrderPlaced.prototype.shippingAddress = null;

                /**
                 * OrderPlaced placedAt.
                 * @member {string} placedAt
                 * @memberof commercebridge.orders.v1.OrderPlaced
                 * @instance
                 */
                OrderPlaced.prototype.placedAt = "";

                /**
                 * OrderPlaced channel.
                 * @member {string} channel
                 * @memberof commercebridge.orders.v1.OrderPlaced
                 * @instance
                 */
                OrderPlaced.prototype.channel = "";

                /**
                 * Creates a new OrderPlaced instance using the specified properties.
                 * @function create
                 * @memberof commercebridge.orders.v1.OrderPlaced
                 * @static
                 * @param {commercebridge.orders.v1.IOrderPlaced=} [properties] Properties to set
                 * @returns {commercebridge.orders.v1.OrderPlaced} OrderPlaced instance
                 */
                OrderPlaced.create = function create(properties) {
                    return new OrderPlaced(properties);
                };

                /**
                 * Encodes the specified OrderPlaced message. Does not implicitly {@link commercebridge.orders.v1.OrderPlaced.verify|verify} messages.
                 * @function encode
                 * @memberof commercebridge.orders.v1.OrderPlaced
                 * @static
                 * @param {commercebridge.orders.v1.IOrderPlaced} message OrderPlaced message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                OrderPlaced.encode = function encode(message, writer) {
                    if (!writer)
                        writer = $Writer.create();
                    if (message.orderId != null && Object.hasOwnProperty.call(message, "orderId"))
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.orderId);
                    if (message.customerId != null && Object.hasOwnProperty.call(message, "customerId"))
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.customerId);
                    if (message.items != null && message.items.length)
                        for (let i = 0; i < message.items.length; ++i)
                            $root.commercebridge.orders.v1.LineItem.encode(message.items[i], writer.uint32(/* id 3, wireType 2 =*/26).fork()).ldelim();
                    if (message.subtotal != null && Object.hasOwnProperty.call(message, "subtotal"))
                        $root.commercebridge.common.v1.Money.encode(message.subtotal, writer.uint32(/* id 4, wireType 2 =*/34).fork()).ldelim();
                    if (message.shipping != null && Object.hasOwnProperty.call(message, "shipping"))
                        $root.commercebridge.common.v1.Money.encode(message.shipping, writer.uint32(/* id 5, wireType 2 =*/42).fork()).ldelim();
                    if (message.tax != null && Object.hasOwnProperty.call(message, "tax"))
                        $root.commercebridge.common.v1.Money.encode(message.tax, writer.uint32(/* id 6, wireType 2 =*/50).fork()).ldelim();
                    if (message.total != null && Object.hasOwnProperty.call(message, "total"))
                        $root.commercebridge.common.v1.Money.encode(message.total, writer.uint32(/* id 7, wireType 2 =*/58).fork()).ldelim();
                    if (message.shippingAddress != null && Object.hasOwnProperty.call(message, "shippingAddress"))
                        $root.commercebridge.common.v1.Address.encode(message.shippingAddress, writer.uint32(/* id 8, wireType 2 =*/66).fork()).ldelim();
                    if (message.placedAt != null && Object.hasOwnProperty.call(message, "placedAt"))
                        writer.uint32(/* id 9, wireType 2 =*/74).string(message.placedAt);
                    if (message.channel != null && Object.hasOwnProperty.call(message, "channel"))
                        writer.uint32(/* id 10, wireType 2 =*/82).string(message.channel);
                    return writer;
                };

                /**
                 * Encodes the specified OrderPlaced message, length delimited. Does not implicitly {@link commercebridge.orders.v1.OrderPlaced.verify|verify} messages.
                 * @function encodeDelimited
                 * @memberof commercebridge.orders.v1.OrderPlaced
                 * @static
                 * @param {commercebridge.orders.v1.IOrderPlaced} message OrderPlaced message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                OrderPlaced.encodeDelimited = function encodeDelimited(message, writer) {
                    return this.encode(message, writer).ldelim();
                };

                /**
                 * Decodes an OrderPlaced message from the specified reader or buffer.
                 * @function decode
                 * @memberof commercebridge.orders.v1.OrderPlaced
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {commercebridge.orders.v1.OrderPlaced} OrderPlaced
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                OrderPlaced.decode = function decode(reader, length, error) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    let end = length === undefined ? reader.len : reader.pos + length, message = new $root.commercebridge.orders.v1.OrderPlaced();
                    while (reader.pos < end) {
                        let tag = reader.uint32();
                        if (tag === error)
                            break;
                        switch (tag >>> 3) {
                        case 1: {
                                message.orderId = reader.string();
                                break;
                            }
                        case 2: {
                                message.customerId = reader.string();
                                break;
                            }
                        case 3: {
                                if (!(message.items && message.items.length))
                                    message.items = [];
                                message.items.push($root.commercebridge.orders.v1.LineItem.decode(reader, reader.uint32()));
                                break;
                            }
                        case 4: {
                                message.subtotal = $root.commercebridge.common.v1.Money.decode(reader, reader.uint32());
                                break;
                            }
                        case 5: {
                                message.shipping = $root.commercebridge.common.v1.Money.decode(reader, reader.uint32());
                                break;
                            }
                        case 6: {
                                message.tax = $root.commercebridge.common.v1.Money.decode(reader, reader.uint32());
                                break;
                            }
                        case 7: {
                                message.total = $root.commercebridge.common.v1.Money.decode(reader, reader.uint32());
                                break;
                            }
                        case 8: {
                                message.shippingAddress = $root.commercebridge.common.v1.Address.decode(reader, reader.uint32());
                                break;
                            }
                        case 9: {
                                message.placedAt = reader.string();
                                break;
                            }
                        case 10: {
                                message.channel = reader.string();
                                break;
                            }
                        default:
                            reader.skipType(tag & 7);
                            break;
                        }
                    }
                    return message;
                };

                /**
                 * Decodes an OrderPlaced message from the specified reader or buffer, length delimited.
                 * @function decodeDelimited
                 * @memberof commercebridge.orders.v1.OrderPlaced
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @returns {commercebridge.orders.v1.OrderPlaced} OrderPlaced
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                OrderPlaced.decodeDelimited = function decodeDelimited(reader) {
                    if (!(reader instanceof $Reader))
                        reader = new $Reader(reader);
                    return this.decode(reader, reader.uint32());
                };

                /**
                 * Verifies an OrderPlaced message.
                 * @function verify
                 * @memberof commercebridge.orders.v1.OrderPlaced
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                OrderPlaced.verify = function verify(message) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (message.orderId != null && message.hasOwnProperty("orderId"))
                        if (!$util.isString(message.orderId))
                            return "orderId: string expected";
                    if (message.customerId != null && message.hasOwnProperty("customerId"))
                        if (!$util.isString(message.customerId))
                            return "customerId: string expected";
                    if (message.items != null && message.hasOwnProperty("items")) {
                        if (!Array.isArray(message.items))
                            return "items: array expected";
                        for (let i = 0; i < message.items.length; ++i) {
                            let error = $root.commercebridge.orders.v1.LineItem.verify(message.items[i]);
                            if (error)
                                return "items." + error;
                        }
                    }
                    if (message.subtotal != null && message.hasOwnProperty("subtotal")) {
                        let error = $root.commercebridge.common.v1.Money.verify(message.subtotal);
                        if (error)
                            return "subtotal." + error;
                    }
                    if (message.shipping != null && message.hasOwnProperty("shipping")) {
                        let error = $root.commercebridge.common.v1.Money.verify(message.shipping);
                        if (error)
                            return "shipping." + error;
                    }
                    if (message.tax != null && message.hasOwnProperty("tax")) {
                        let error = $root.commercebridge.common.v1.Money.verify(message.tax);
                        if (error)
                            return "tax." + error;
                    }
                    if (message.total != null && message.hasOwnProperty("total")) {
                        let error = $root.commercebridge.common.v1.Money.verify(message.total);
                        if (error)
                            return "total." + error;
                    }
                    if (message.shippingAddress != null && message.hasOwnProperty("shippingAddress")) {
                        let error = $root.commercebridge.common.v1.Address.verify(message.shippingAddress);
                        if (error)
                            return "shippingAddress." + error;
                    }
                    if (message.placedAt != null && message.hasOwnProperty("placedAt"))
                        if (!$util.isString(message.placedAt))
                            return "placedAt: string expected";
                    if (message.channel != null && message.hasOwnProperty("channel"))
                        if (!$util.isString(message.channel))
                            return "channel: string expected";
                    return null;
                };

                /**
                 * Creates an OrderPlaced message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof commercebridge.orders.v1.OrderPlaced
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {commercebridge.orders.v1.OrderPlaced} OrderPlaced
                 */
                OrderPlaced.fromObject = function fromObject(object) {
                    if (object instanceof $root.commercebridge.orders.v1.OrderPlaced)
                        return object;
                    let message = new $root.commercebridge.orders.v1.OrderPlaced();
                    if (object.orderId != null)
                        message.orderId = String(object.orderId);
                    if (object.customerId != null)
                        message.customerId = String(object.customerId);
                    if (object.items) {
                        if (!Array.isArray(object.items))
                            throw TypeError(".commercebridge.orders.v1.OrderPlaced.items: array expected");
                        message.items = [];
                        for (let i = 0; i < object.items.length; ++i) {
                            if (typeof object.items[i] !== "object")
                                throw TypeError(".commercebridge.orders.v1.OrderPlaced.items: object expected");
                            message.items[i] = $root.commercebridge.orders.v1.LineItem.fromObject(object.items[i]);
                        }
                    }
                    if (object.subtotal != null) {
                        if (typeof object.subtotal !== "object")
                            throw TypeError(".commercebridge.orders.v1.OrderPlaced.subtotal: object expected");
                        message.subtotal = $root.commercebridge.common.v1.Money.fromObject(object.subtotal);
                    }
                    if (object.shipping != null) {
                        if (typeof object.shipping !== "object")
                            throw TypeError(".commercebridge.orders.v1.OrderPlaced.shipping: object expected");
                        message.shipping = $root.commercebridge.common.v1.Money.fromObject(object.shipping);
                    }
                    if (object.tax != null) {
                        if (typeof object.tax !== "object")
                            throw TypeError(".commercebridge.orders.v1.OrderPlaced.tax: object expected");
                        message.tax = $root.commercebridge.common.v1.Money.fromObject(object.tax);
                    }
                    if (object.total != null) {
                        if (typeof object.total !== "object")
                            throw TypeError(".commercebridge.orders.v1.OrderPlaced.total: object expected");
                        message.total = $root.commercebridge.common.v1.Money.fromObject(object.total);
                    }
                    if (object.shippingAddress != null) {
                        if (typeof object.shippingAddress !== "object")
                            throw TypeError(".commercebridge.orders.v1.OrderPlaced.shippingAddress: object expected");
                        message.shippingAddress = $root.commercebridge.common.v1.Address.fromObject(object.shippingAddress);
                    }
                    if (object.placedAt != null)
                        message.placedAt = String(object.placedAt);
                    if (object.channel != null)
                        message.channel = String(object.channel);
                    return message;
                };

                /**
                 * Creates a plain object from an OrderPlaced message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof commercebridge.orders.v1.OrderPlaced
                 * @static
                 * @param {commercebridge.orders.v1.OrderPlaced} message OrderPlaced
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                OrderPlaced.toObject = function toObject(message, options) {
                    if (!options)
                        options = {};
                    let object = {};
                    if (options.arrays || options.defaults)
                        object.items = [];
                    if (options.defaults) {
                        object.orderId = "";
                        object.customerId = "";
                        object.subtotal = null;
                        object.shipping = null;
                        object.tax = null;
                        object.total = null;
                        object.shippingAddress = null;
                        object.placedAt = "";
                        object.channel = "";
                    }
                    if (message.orderId != null && message.hasOwnProperty("orderId"))
                        object.orderId = message.orderId;
                    if (message.customerId != null && message.hasOwnProperty("customerId"))
                        object.customerId = message.customerId;
                    if (message.items && message.items.length) {
                        object.items = [];
                        for (let j = 0; j < message.items.length; ++j)
                            object.items[j] = $root.commercebridge.orders.v1.LineItem.toObject(message.items[j], options);
                    }
                    if (message.subtotal != null && message.hasOwnProperty("subtotal"))
                        object.subtotal = $root.commercebridge.common.v1.Money.toObject(message.subtotal, options);
                    if (message.shipping != null && message.hasOwnProperty("shipping"))
                        object.shipping = $root.commercebridge.common.v1.Money.toObject(message.shipping, options);
                    if (message.tax != null && message.hasOwnProperty("tax"))
                        object.tax = $root.commercebridge.common.v1.Money.toObject(message.tax, options);
                    if (message.total != null && message.hasOwnProperty("total"))
                        object.total = $root.commercebridge.common.v1.Money.toObject(message.total, options);
                    if (message.shippingAddress != null && message.hasOwnProperty("shippingAddress"))
                        object.shippingAddress = $root.commercebridge.common.v1.Address.toObject(message.shippingAddress, options);
                    if (message.placedAt != null && message.hasOwnProperty("placedAt"))
                        object.placedAt = message.placedAt;
                    if (message.channel != null && message.hasOwnProperty("channel"))
                        object.channel = message.channel;
                    return object;
                };

                /**
                 * Converts this OrderPlaced to JSON.
                 * @function toJSON
                 * @memberof commercebridge.orders.v1.OrderPlaced
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                OrderPlaced.prototype.toJSON = function toJSON() {
                    return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the default type url for OrderPlaced
                 * @function getTypeUrl
                 * @memberof commercebridge.orders.v1.OrderPlaced
                 * @static
                 * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
                 * @returns {string} The default type url
                 */
                OrderPlaced.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                    if (typeUrlPrefix === undefined) {
                        typeUrlPrefix = "type.googleapis.com";
                    }
                    return typeUrlPrefix + "/commercebridge.orders.v1.OrderPlaced";
                };

                return OrderPlaced;
            })();

            v1.OrderConfirmed = (function() {

                /**
                 * Properties of an OrderConfirmed.
                 * @memberof commercebridge.orders.v1
                 * @interface IOrderConfirmed
                 * @property {string|null} [orderId] OrderConfirmed orderId
                 * @property {string|null} [customerId] OrderConfirmed customerId
                 * @property {string|null} [confirmedAt] OrderConfirmed confirmedAt
                 * @property {string|null} [paymentReference] OrderConfirmed paymentReference
                 */

                /**
                 * Constructs a new OrderConfirmed.
                 * @memberof commercebridge.orders.v1
                 * @classdesc Represents an OrderConfirmed.
                 * @implements IOrderConfirmed
                 * @constructor
                 * @param {commercebridge.orders.v1.IOrderConfirmed=} [properties] Properties to set
                 */
                function OrderConfirmed(properties) {
                    if (properties)
                        for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null)
                                this[keys[i]] = properties[keys[i]];
                }

                /**
                 * OrderConfirmed orderId.
                 * @member {string} orderId
                 * @memberof commercebridge.orders.v1.OrderConfirmed
                 * @instance
                 */
                OrderConfirmed.prototype.orderId = "";

                /**
                 * OrderConfirmed customerId.
                 * @member {string} customerId
                 * @memberof commercebridge.orders.v1.OrderConfirmed
                 * @instance
                 */
                OrderConfirmed.prototype.customerId = "";

                /**
                 * OrderConfirmed confirmedAt.
                 * @member {string} confirmedAt
                 * @memberof commercebridge.orders.v1.OrderConfirmed
                 * @instance
                 */
                OrderConfirmed.prototype.confirmedAt = "";

                /**
                 * OrderConfirmed paymentReference.
                 * @member {string} paymentReference
                 * @memberof commercebridge.orders.v1.OrderConfirmed
                 * @instance
                 */
                OrderConfirmed.prototype.paymentReference = "";

                /**
                 * Creates a new OrderConfirmed instance using the specified properties.
                 * @function create
                 * @memberof commercebridge.orders.v1.OrderConfirmed
                 * @static
                 * @param {commercebridge.orders.v1.IOrderConfirmed=} [properties] Properties to set
                 * @returns {commercebridge.orders.v1.OrderConfirmed} OrderConfirmed instance
                 */
                OrderConfirmed.create = function create(properties) {
                    return new OrderConfirmed(properties);
                };

                /**
                 * Encodes the specified OrderConfirmed message. Does not implicitly {@link commercebridge.orders.v1.OrderConfirmed.verify|verify} messages.
                 * @function encode
                 * @memberof commercebridge.orders.v1.OrderConfirmed
                 * @static
                 * @param {commercebridge.orders.v1.IOrderConfirmed} message OrderConfirmed message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                OrderConfirmed.encode = function encode(message, writer) {
                    if (!writer)
                        writer = $Writer.create();
                    if (message.orderId != null && Object.hasOwnProperty.call(message, "orderId"))
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.orderId);
                    if (message.customerId != null && Object.hasOwnProperty.call(message, "customerId"))
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.customerId);
                    if (message.confirmedAt != null && Object.hasOwnProperty.call(message, "confirmedAt"))
                        writer.uint32(/* id 3, wireType 2 =*/26).string(message.confirmedAt);
                    if (message.paymentReference != null && Object.hasOwnProperty.call(message, "paymentReference"))
                        writer.uint32(/* id 4, wireType 2 =*/34).string(message.paymentReference);
                    return writer;
                };

                /**
                 * Encodes the specified OrderConfirmed message, length delimited. Does not implicitly {@link commercebridge.orders.v1.OrderConfirmed.verify|verify} messages.
                 * @function encodeDelimited
                 * @memberof commercebridge.orders.v1.OrderConfirmed
                 * @static
                 * @param {commercebridge.orders.v1.IOrderConfirmed} message OrderConfirmed message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                OrderConfirmed.encodeDelimited = function encodeDelimited(message, writer) {
                    return this.encode(message, writer).ldelim();
                };

                /**
                 * Decodes an OrderConfirmed message from the specified reader or buffer.
                 * @function decode
                 * @memberof commercebridge.orders.v1.OrderConfirmed
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {commercebridge.orders.v1.OrderConfirmed} OrderConfirmed
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                OrderConfirmed.decode = function decode(reader, length, error) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    let end = length === undefined ? reader.len : reader.pos + length, message = new $root.commercebridge.orders.v1.OrderConfirmed();
                    while (reader.pos < end) {
                        let tag = reader.uint32();
                        if (tag === error)
                            break;
                        switch (tag >>> 3) {
                        case 1: {
                                message.orderId = reader.string();
                                break;
                            }
                        case 2: {
                                message.customerId = reader.string();
                                break;
                            }
                        case 3: {
                                message.confirmedAt = reader.string();
                                break;
                            }
                        case 4: {
                                message.paymentReference = reader.string();
                                break;
                            }
                        default:
                            reader.skipType(tag & 7);
                            break;
                        }
                    }
                    return message;
                };

                /**
                 * Decodes an OrderConfirmed message from the specified reader or buffer, length delimited.
                 * @function decodeDelimited
                 * @memberof commercebridge.orders.v1.OrderConfirmed
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @returns {commercebridge.orders.v1.OrderConfirmed} OrderConfirmed
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                OrderConfirmed.decodeDelimited = function decodeDelimited(reader) {
                    if (!(reader instanceof $Reader))
                        reader = new $Reader(reader);
                    return this.decode(reader, reader.uint32());
                };

                /**
                 * Verifies an OrderConfirmed message.
                 * @function verify
                 * @memberof commercebridge.orders.v1.OrderConfirmed
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                OrderConfirmed.verify = function verify(message) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (message.orderId != null && message.hasOwnProperty("orderId"))
                        if (!$util.isString(message.orderId))
                            return "orderId: string expected";
                    if (message.customerId != null && message.hasOwnProperty("customerId"))
                        if (!$util.isString(message.customerId))
                            return "customerId: string expected";
                    if (message.confirmedAt != null && message.hasOwnProperty("confirmedAt"))
                        if (!$util.isString(message.confirmedAt))
                            return "confirmedAt: string expected";
                    if (message.paymentReference != null && message.hasOwnProperty("paymentReference"))
                        if (!$util.isString(message.paymentReference))
                            return "paymentReference: string expected";
                    return null;
                };

                /**
                 * Creates an OrderConfirmed message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof commercebridge.orders.v1.OrderConfirmed
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {commercebridge.orders.v1.OrderConfirmed} OrderConfirmed
                 */
                OrderConfirmed.fromObject = function fromObject(object) {
                    if (object instanceof $root.commercebridge.orders.v1.OrderConfirmed)
                        return object;
                    let message = new $root.commercebridge.orders.v1.OrderConfirmed();
                    if (object.orderId != null)
                        message.orderId = String(object.orderId);
                    if (object.customerId != null)
                        message.customerId = String(object.customerId);
                    if (object.confirmedAt != null)
                        message.confirmedAt = String(object.confirmedAt);
                    if (object.paymentReference != null)
                        message.paymentReference = String(object.paymentReference);
                    return message;
                };

                /**
                 * Creates a plain object from an OrderConfirmed message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof commercebridge.orders.v1.OrderConfirmed
                 * @static
                 * @param {commercebridge.orders.v1.OrderConfirmed} message OrderConfirmed
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                OrderConfirmed.toObject = function toObject(message, options) {
                    if (!options)
                        options = {};
                    let object = {};
                    if (options.defaults) {
                        object.orderId = "";
                        object.customerId = "";
                        object.confirmedAt = "";
                        object.paymentReference = "";
                    }
                    if (message.orderId != null && message.hasOwnProperty("orderId"))
                        object.orderId = message.orderId;
                    if (message.customerId != null && message.hasOwnProperty("customerId"))
                        object.customerId = message.customerId;
                    if (message.confirmedAt != null && message.hasOwnProperty("confirmedAt"))
                        object.confirmedAt = message.confirmedAt;
                    if (message.paymentReference != null && message.hasOwnProperty("paymentReference"))
                        object.paymentReference = message.paymentReference;
                    return object;
                };

                /**
                 * Converts this OrderConfirmed to JSON.
                 * @function toJSON
                 * @memberof commercebridge.orders.v1.OrderConfirmed
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                OrderConfirmed.prototype.toJSON = function toJSON() {
                    return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the default type url for OrderConfirmed
                 * @function getTypeUrl
                 * @memberof commercebridge.orders.v1.OrderConfirmed
                 * @static
                 * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
                 * @returns {string} The default type url
                 */
                OrderConfirmed.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                    if (typeUrlPrefix === undefined) {
                        typeUrlPrefix = "type.googleapis.com";
                    }
                    return typeUrlPrefix + "/commercebridge.orders.v1.OrderConfirmed";
                };

                return OrderConfirmed;
            })();

            v1.OrderCancelled = (function() {

                /**
                 * Properties of an OrderCancelled.
                 * @memberof commercebridge.orders.v1
                 * @interface IOrderCancelled
                 * @property {string|null} [orderId] OrderCancelled orderId
                 * @property {string|null} [customerId] OrderCancelled customerId
                 * @property {string|null} [cancelledAt] OrderCancelled cancelledAt
                 * @property {commercebridge.orders.v1.CancellationReason|null} [reason] OrderCancelled reason
                 * @property {string|null} [note] OrderCancelled note
                 * @property {commercebridge.common.v1.IMoney|null} [refund] OrderCancelled refund
                 */

                /**
                 * Constructs a new OrderCancelled.
                 * @memberof commercebridge.orders.v1
                 * @classdesc Represents an OrderCancelled.
                 * @implements IOrderCancelled
                 * @constructor
                 * @param {commercebridge.orders.v1.IOrderCancelled=} [properties] Properties to set
                 */
                function OrderCancelled(properties) {
                    if (properties)
                        for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null)
                                this[keys[i]] = properties[keys[i]];
                }

                /**
                 * OrderCancelled orderId.
                 * @member {string} orderId
                 * @memberof commercebridge.orders.v1.OrderCancelled
                 * @instance
                 */
                OrderCancelled.prototype.orderId = "";

                /**
                 * OrderCancelled customerId.
                 * @member {string} customerId
                 * @memberof commercebridge.orders.v1.OrderCancelled
                 * @instance
                 */
                OrderCancelled.prototype.customerId = "";

                /**
                 * OrderCancelled cancelledAt.
                 * @member {string} cancelledAt
                 * @memberof commercebridge.orders.v1.OrderCancelled
                 * @instance
                 */
                OrderCancelled.prototype.cancelledAt = "";

                /**
                 * OrderCancelled reason.
                 * @member {commercebridge.orders.v1.CancellationReason} reason
                 * @memberof commercebridge.orders.v1.OrderCancelled
                 * @instance
                 */
                OrderCancelled.prototype.reason = 0;

                /**
                 * OrderCancelled note.
                 * @member {string} note
                 * @memberof commercebridge.orders.v1.OrderCancelled
                 * @instance
                 */
                OrderCancelled.prototype.note = "";

                /**
                 * OrderCancelled refund.
                 * @member {commercebridge.common.v1.IMoney|null|undefined} refund
                 * @memberof commercebridge.orders.v1.OrderCancelled
                 * @instance
                 */
                OrderCancelled.prototype.refund = null;

                /**
                 * Creates a new OrderCancelled instance using the specified properties.
                 * @function create
                 * @memberof commercebridge.orders.v1.OrderCancelled
                 * @static
                 * @param {commercebridge.orders.v1.IOrderCancelled=} [properties] Properties to set
                 * @returns {commercebridge.orders.v1.OrderCancelled} OrderCancelled instance
                 */
                OrderCancelled.create = function create(properties) {
                    return new OrderCancelled(properties);
                };

                /**
                 * Encodes the specified OrderCancelled message. Does not implicitly {@link commercebridge.orders.v1.OrderCancelled.verify|verify} messages.
                 * @function encode
                 * @memberof commercebridge.orders.v1.OrderCancelled
                 * @static
                 * @param {commercebridge.orders.v1.IOrderCancelled} message OrderCancelled message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                OrderCancelled.encode = function encode(message, writer) {
                    if (!writer)
                        writer = $Writer.create();
                    if (message.orderId != null && Object.hasOwnProperty.call(message, "orderId"))
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.orderId);
                    if (message.customerId != null && Object.hasOwnProperty.call(message, "customerId"))
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.customerId);
                    if (message.cancelledAt != null && Object.hasOwnProperty.call(message, "cancelledAt"))
                        writer.uint32(/* id 3, wireType 2 =*/26).string(message.cancelledAt);
                    if (message.reason != null && Object.hasOwnProperty.call(message, "reason"))
                        writer.uint32(/* id 4, wireType 0 =*/32).int32(message.reason);
                    if (message.note != null && Object.hasOwnProperty.call(message, "note"))
                        writer.uint32(/* id 5, wireType 2 =*/42).string(message.note);
                    if (message.refund != null && Object.hasOwnProperty.call(message, "refund"))
                        $root.commercebridge.common.v1.Money.encode(message.refund, writer.uint32(/* id 6, wireType 2 =*/50).fork()).ldelim();
                    return writer;
                };

                /**
                 * Encodes the specified OrderCancelled message, length delimited. Does not implicitly {@link commercebridge.orders.v1.OrderCancelled.verify|verify} messages.
                 * @function encodeDelimited
                 * @memberof commercebridge.orders.v1.OrderCancelled
                 * @static
                 * @param {commercebridge.orders.v1.IOrderCancelled} message OrderCancelled message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                OrderCancelled.encodeDelimited = function encodeDelimited(message, writer) {
                    return this.encode(message, writer).ldelim();
                };

                /**
                 * Decodes an OrderCancelled message from the specified reader or buffer.
                 * @function decode
                 * @memberof commercebridge.orders.v1.OrderCancelled
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {commercebridge.orders.v1.OrderCancelled} OrderCancelled
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                OrderCancelled.decode = function decode(reader, length, error) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    let end = length === undefined ? reader.len : reader.pos + length, message = new $root.commercebridge.orders.v1.OrderCancelled();
                    while (reader.pos < end) {
                        let tag = reader.uint32();
                        if (tag === error)
                            break;
                        switch (tag >>> 3) {
                        case 1: {
                                message.orderId = reader.string();
                                break;
                            }
                        case 2: {
                                message.customerId = reader.string();
                                break;
                            }
                        case 3: {
                                message.cancelledAt = reader.string();
                                break;
                            }
                        case 4: {
                                message.reason = reader.int32();
                                break;
                            }
                        case 5: {
                                message.note = reader.string();
                                break;
                            }
                        case 6: {
                                message.refund = $root.commercebridge.common.v1.Money.decode(reader, reader.uint32());
                                break;
                            }
                        default:
                            reader.skipType(tag & 7);
                            break;
                        }
                    }
                    return message;
                };

                /**
                 * Decodes an OrderCancelled message from the specified reader or buffer, length delimited.
                 * @function decodeDelimited
                 * @memberof commercebridge.orders.v1.OrderCancelled
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @returns {commercebridge.orders.v1.OrderCancelled} OrderCancelled
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                OrderCancelled.decodeDelimited = function decodeDelimited(reader) {
                    if (!(reader instanceof $Reader))
                        reader = new $Reader(reader);
                    return this.decode(reader, reader.uint32());
                };

                /**
                 * Verifies an OrderCancelled message.
                 * @function verify
                 * @memberof commercebridge.orders.v1.OrderCancelled
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                OrderCancelled.verify = function verify(message) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (message.orderId != null && message.hasOwnProperty("orderId"))
                        if (!$util.isString(message.orderId))
                            return "orderId: string expected";
                    if (message.customerId != null && message.hasOwnProperty("customerId"))
                        if (!$util.isString(message.customerId))
                            return "customerId: string expected";
                    if (message.cancelledAt != null && message.hasOwnProperty("cancelledAt"))
                        if (!$util.isString(message.cancelledAt))
                            return "cancelledAt: string expected";
                    if (message.reason != null && message.hasOwnProperty("reason"))
                        switch (message.reason) {
                        default:
                            return "reason: enum value expected";
                        case 0:
                        case 1:
                        case 2:
                        case 3:
                        case 4:
                            break;
                        }
                    if (message.note != null && message.hasOwnProperty("note"))
                        if (!$util.isString(message.note))
                            return "note: string expected";
                    if (message.refund != null && message.hasOwnProperty("refund")) {
                        let error = $root.commercebridge.common.v1.Money.verify(message.refund);
                        if (error)
                            return "refund." + error;
                    }
                    return null;
                };

                /**
                 * Creates an OrderCancelled message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof commercebridge.orders.v1.OrderCancelled
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {commercebridge.orders.v1.OrderCancelled} OrderCancelled
                 */
                OrderCancelled.fromObject = function fromObject(object) {
                    if (object instanceof $root.commercebridge.orders.v1.OrderCancelled)
                        return object;
                    let message = new $root.commercebridge.orders.v1.OrderCancelled();
                    if (object.orderId != null)
                        message.orderId = String(object.orderId);
                    if (object.customerId != null)
                        message.customerId = String(object.customerId);
                    if (object.cancelledAt != null)
                        message.cancelledAt = String(object.cancelledAt);
                    switch (object.reason) {
                    default:
                        if (typeof object.reason === "number") {
                            message.reason = object.reason;
                            break;
                        }
                        break;
                    case "CANCELLATION_REASON_UNSPECIFIED":
                    case 0:
                        message.reason = 0;
                        break;
                    case "CANCELLATION_REASON_CUSTOMER_REQUEST":
                    case 1:
                        message.reason = 1;
                        break;
                    case "CANCELLATION_REASON_PAYMENT_FAILED":
                    case 2:
                        message.reason = 2;
                        break;
                    case "CANCELLATION_REASON_OUT_OF_STOCK":
                    case 3:
                        message.reason = 3;
                        break;
                    case "CANCELLATION_REASON_FRAUD_SUSPECTED":
                    case 4:
                        message.reason = 4;
                        break;
                    }
                    if (object.note != null)
                        message.note = String(object.note);
                    if (object.refund != null) {
                        if (typeof object.refund !== "object")
                            throw TypeError(".commercebridge.orders.v1.OrderCancelled.refund: object expected");
                        message.refund = $root.commercebridge.common.v1.Money.fromObject(object.refund);
                    }
                    return message;
                };

                /**
                 * Creates a plain object from an OrderCancelled message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof commercebridge.orders.v1.OrderCancelled
                 * @static
                 * @param {commercebridge.orders.v1.OrderCancelled} message OrderCancelled
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                OrderCancelled.toObject = function toObject(message, options) {
                    if (!options)
                        options = {};
                    let object = {};
                    if (options.defaults) {
                        object.orderId = "";
                        object.customerId = "";
                        object.cancelledAt = "";
                        object.reason = options.enums === String ? "CANCELLATION_REASON_UNSPECIFIED" : 0;
                        object.note = "";
                        object.refund = null;
                    }
                    if (message.orderId != null && message.hasOwnProperty("orderId"))
                        object.orderId = message.orderId;
                    if (message.customerId != null && message.hasOwnProperty("customerId"))
                        object.customerId = message.customerId;
                    if (message.cancelledAt != null && message.hasOwnProperty("cancelledAt"))
                        object.cancelledAt = message.cancelledAt;
                    if (message.reason != null && message.hasOwnProperty("reason"))
                        object.reason = options.enums === String ? $root.commercebridge.orders.v1.CancellationReason[message.reason] === undefined ? message.reason : $root.commercebridge.orders.v1.CancellationReason[message.reason] : message.reason;
                    if (message.note != null && message.hasOwnProperty("note"))
                        object.note = message.note;
                    if (message.refund != null && message.hasOwnProperty("refund"))
                        object.refund = $root.commercebridge.common.v1.Money.toObject(message.refund, options);
                    return object;
                };

                /**
                 * Converts this OrderCancelled to JSON.
                 * @function toJSON
                 * @memberof commercebridge.orders.v1.OrderCancelled
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                OrderCancelled.prototype.toJSON = function toJSON() {
                    return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the default type url for OrderCancelled
                 * @function getTypeUrl
                 * @memberof commercebridge.orders.v1.OrderCancelled
                 * @static
                 * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
                 * @returns {string} The default type url
                 */
                OrderCancelled.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                    if (typeUrlPrefix === undefined) {
                        typeUrlPrefix = "type.googleapis.com";
                    }
                    return typeUrlPrefix + "/commercebridge.orders.v1.OrderCancelled";
                };

                return OrderCancelled;
            })();

            v1.OrderShipped = (function() {

                /**
                 * Properties of an OrderShipped.
                 * @memberof commercebridge.orders.v1
                 * @interface IOrderShipped
                 * @property {string|null} [orderId] OrderShipped orderId
                 * @property {string|null} [customerId] OrderShipped customerId
                 * @property {string|null} [shippedAt] OrderShipped shippedAt
                 * @property {string|null} [carrier] OrderShipped carrier
                 * @property {string|null} [trackingNumber] OrderShipped trackingNumber
                 * @property {Array.<string>|null} [lineItemIds] OrderShipped lineItemIds
                 */

                /**
                 * Constructs a new OrderShipped.
                 * @memberof commercebridge.orders.v1
                 * @classdesc Represents an OrderShipped.
                 * @implements IOrderShipped
                 * @constructor
                 * @param {commercebridge.orders.v1.IOrderShipped=} [properties] Properties to set
                 */
                function OrderShipped(properties) {
                    this.lineItemIds = [];
                    if (properties)
                        for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null)
                                this[keys[i]] = properties[keys[i]];
                }

                /**
                 * OrderShipped orderId.
                 * @member {string} orderId
                 * @memberof commercebridge.orders.v1.OrderShipped
                 * @instance
                 */
                OrderShipped.prototype.orderId = "";

                /**
                 * OrderShipped customerId.
                 * @member {string} customerId
                 * @memberof commercebridge.orders.v1.OrderShipped
                 * @instance
                 */
                OrderShipped.prototype.customerId = "";

                /**
                 * OrderShipped shippedAt.
                 * @member {string} shippedAt
                 * @memberof commercebridge.orders.v1.OrderShipped
                 * @instance
                 */
                OrderShipped.prototype.shippedAt = "";

                /**
                 * OrderShipped carrier.
                 * @member {string} carrier
                 * @memberof commercebridge.orders.v1.OrderShipped
                 * @instance
                 */
                OrderShipped.prototype.carrier = "";

                /**
                 * OrderShipped trackingNumber.
                 * @member {string} trackingNumber
                 * @memberof commercebridge.orders.v1.OrderShipped
                 * @instance
                 */
                OrderShipped.prototype.trackingNumber = "";

                /**
                 * OrderShipped lineItemIds.
                 * @member {Array.<string>} lineItemIds
                 * @memberof commercebridge.orders.v1.OrderShipped
                 * @instance
                 */
                OrderShipped.prototype.lineItemIds = $util.emptyArray;

                /**
                 * Creates a new OrderShipped instance using the specified properties.
                 * @function create
                 * @memberof commercebridge.orders.v1.OrderShipped
                 * @static
                 * @param {commercebridge.orders.v1.IOrderShipped=} [properties] Properties to set
                 * @returns {commercebridge.orders.v1.OrderShipped} OrderShipped instance
                 */
                OrderShipped.create = function create(properties) {
                    return new OrderShipped(properties);
                };

                /**
                 * Encodes the specified OrderShipped message. Does not implicitly {@link commercebridge.orders.v1.OrderShipped.verify|verify} messages.
                 * @function encode
                 * @memberof commercebridge.orders.v1.OrderShipped
                 * @static
                 * @param {commercebridge.orders.v1.IOrderShipped} message OrderShipped message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                OrderShipped.encode = function encode(message, writer) {
                    if (!writer)
                        writer = $Writer.create();
                    if (message.orderId != null && Object.hasOwnProperty.call(message, "orderId"))
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.orderId);
                    if (message.customerId != null && Object.hasOwnProperty.call(message, "customerId"))
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.customerId);
                    if (message.shippedAt != null && Object.hasOwnProperty.call(message, "shippedAt"))
                        writer.uint32(/* id 3, wireType 2 =*/26).string(message.shippedAt);
                    if (message.carrier != null && Object.hasOwnProperty.call(message, "carrier"))
                        writer.uint32(/* id 4, wireType 2 =*/34).string(message.carrier);
                    if (message.trackingNumber != null && Object.hasOwnProperty.call(message, "trackingNumber"))
                        writer.uint32(/* id 5, wireType 2 =*/42).string(message.trackingNumber);
                    if (message.lineItemIds != null && message.lineItemIds.length)
                        for (let i = 0; i < message.lineItemIds.length; ++i)
                            writer.uint32(/* id 6, wireType 2 =*/50).string(message.lineItemIds[i]);
                    return writer;
                };

                /**
                 * Encodes the specified OrderShipped message, length delimited. Does not implicitly {@link commercebridge.orders.v1.OrderShipped.verify|verify} messages.
                 * @function encodeDelimited
                 * @memberof commercebridge.orders.v1.OrderShipped
                 * @static
                 * @param {commercebridge.orders.v1.IOrderShipped} message OrderShipped message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                OrderShipped.encodeDelimited = function encodeDelimited(message, writer) {
                    return this.encode(message, writer).ldelim();
                };

                /**
                 * Decodes an OrderShipped message from the specified reader or buffer.
                 * @function decode
                 * @memberof commercebridge.orders.v1.OrderShipped
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {commercebridge.orders.v1.OrderShipped} OrderShipped
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                OrderShipped.decode = function decode(reader, length, error) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    let end = length === undefined ? reader.len : reader.pos + length, message = new $root.commercebridge.orders.v1.OrderShipped();
                    while (reader.pos < end) {
                        let tag = reader.uint32();
                        if (tag === error)
                            break;
                        switch (tag >>> 3) {
                        case 1: {
                                message.orderId = reader.string();
                                break;
                            }
                        case 2: {
                                message.customerId = reader.string();
                                break;
                            }
                        case 3: {
                                message.shippedAt = reader.string();
                                break;
                            }
                        case 4: {
                                message.carrier = reader.string();
                                break;
                            }
                        case 5: {
                                message.trackingNumber = reader.string();
                                break;
                            }
                        case 6: {
                                if (!(message.lineItemIds && message.lineItemIds.length))
                                    message.lineItemIds = [];
                                message.lineItemIds.push(reader.string());
                                break;
                            }
                        default:
                            reader.skipType(tag & 7);
                            break;
                        }
                    }
                    return message;
                };

                /**
                 * Decodes an OrderShipped message from the specified reader or buffer, length delimited.
                 * @function decodeDelimited
                 * @memberof commercebridge.orders.v1.OrderShipped
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @returns {commercebridge.orders.v1.OrderShipped} OrderShipped
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                OrderShipped.decodeDelimited = function decodeDelimited(reader) {
                    if (!(reader instanceof $Reader))
                        reader = new $Reader(reader);
                    return this.decode(reader, reader.uint32());
                };

                /**
                 * Verifies an OrderShipped message.
                 * @function verify
                 * @memberof commercebridge.orders.v1.OrderShipped
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                OrderShipped.verify = function verify(message) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (message.orderId != null && message.hasOwnProperty("orderId"))
                        if (!$util.isString(message.orderId))
                            return "orderId: string expected";
                    if (message.customerId != null && message.hasOwnProperty("customerId"))
                        if (!$util.isString(message.customerId))
                            return "customerId: string expected";
                    if (message.shippedAt != null && message.hasOwnProperty("shippedAt"))
                        if (!$util.isString(message.shippedAt))
                            return "shippedAt: string expected";
                    if (message.carrier != null && message.hasOwnProperty("carrier"))
                        if (!$util.isString(message.carrier))
                            return "carrier: string expected";
                    if (message.trackingNumber != null && message.hasOwnProperty("trackingNumber"))
                        if (!$util.isString(message.trackingNumber))
                            return "trackingNumber: string expected";
                    if (message.lineItemIds != null && message.hasOwnProperty("lineItemIds")) {
                        if (!Array.isArray(message.lineItemIds))
                            return "lineItemIds: array expected";
                        for (let i = 0; i < message.lineItemIds.length; ++i)
                            if (!$util.isString(message.lineItemIds[i]))
                                return "lineItemIds: string[] expected";
                    }
                    return null;
                };

                /**
                 * Creates an OrderShipped message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof commercebridge.orders.v1.OrderShipped
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {commercebridge.orders.v1.OrderShipped} OrderShipped
                 */
                OrderShipped.fromObject = function fromObject(object) {
                    if (object instanceof $root.commercebridge.orders.v1.OrderShipped)
                        return object;
                    let message = new $root.commercebridge.orders.v1.OrderShipped();
                    if (object.orderId != null)
                        message.orderId = String(object.orderId);
                    if (object.customerId != null)
                        message.customerId = String(object.customerId);
                    if (object.shippedAt != null)
                        message.shippedAt = String(object.shippedAt);
                    if (object.carrier != null)
                        message.carrier = String(object.carrier);
                    if (object.trackingNumber != null)
                        message.trackingNumber = String(object.trackingNumber);
                    if (object.lineItemIds) {
                        if (!Array.isArray(object.lineItemIds))
                            throw TypeError(".commercebridge.orders.v1.OrderShipped.lineItemIds: array expected");
                        message.lineItemIds = [];
                        for (let i = 0; i < object.lineItemIds.length; ++i)
                            message.lineItemIds[i] = String(object.lineItemIds[i]);
                    }
                    return message;
                };

                /**
                 * Creates a plain object from an OrderShipped message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof commercebridge.orders.v1.OrderShipped
                 * @static
                 * @param {commercebridge.orders.v1.OrderShipped} message OrderShipped
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                OrderShipped.toObject = function toObject(message, options) {
                    if (!options)
                        options = {};
                    let object = {};
                    if (options.arrays || options.defaults)
                        object.lineItemIds = [];
                    if (options.defaults) {
                        object.orderId = "";
                        object.customerId = "";
                        object.shippedAt = "";
                        object.carrier = "";
                        object.trackingNumber = "";
                    }
                    if (message.orderId != null && message.hasOwnProperty("orderId"))
                        object.orderId = message.orderId;
                    if (message.customerId != null && message.hasOwnProperty("customerId"))
                        object.customerId = message.customerId;
                    if (message.shippedAt != null && message.hasOwnProperty("shippedAt"))
                        object.shippedAt = message.shippedAt;
                    if (message.carrier != null && message.hasOwnProperty("carrier"))
                        object.carrier = message.carrier;
                    if (message.trackingNumber != null && message.hasOwnProperty("trackingNumber"))
                        object.trackingNumber = message.trackingNumber;
                    if (message.lineItemIds && message.lineItemIds.length) {
                        object.lineItemIds = [];
                        for (let j = 0; j < message.lineItemIds.length; ++j)
                            object.lineItemIds[j] = message.lineItemIds[j];
                    }
                    return object;
                };

                /**
                 * Converts this OrderShipped to JSON.
                 * @function toJSON
                 * @memberof commercebridge.orders.v1.OrderShipped
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                OrderShipped.prototype.toJSON = function toJSON() {
                    return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the default type url for OrderShipped
                 * @function getTypeUrl
                 * @memberof commercebridge.orders.v1.OrderShipped
                 * @static
                 * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
                 * @returns {string} The default type url
                 */
                OrderShipped.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                    if (typeUrlPrefix === undefined) {
                        typeUrlPrefix = "type.googleapis.com";
                    }
                    return typeUrlPrefix + "/commercebridge.orders.v1.OrderShipped";
                };

                return OrderShipped;
            })();

            v1.LineItem = (function() {

                /**
                 * Properties of a LineItem.
                 * @memberof commercebridge.orders.v1
                 * @interface ILineItem
                 * @property {string|null} [lineItemId] LineItem lineItemId
                 * @property {string|null} [sku] LineItem sku
                 * @property {string|null} [name] LineItem name
                 * @property {number|null} [quantity] LineItem quantity
                 * @property {commercebridge.common.v1.IMoney|null} [unitPrice] LineItem unitPrice
                 */

                /**
                 * Constructs a new LineItem.
                 * @memberof commercebridge.orders.v1
                 * @classdesc Represents a LineItem.
                 * @implements ILineItem
                 * @constructor
                 * @param {commercebridge.orders.v1.ILineItem=} [properties] Properties to set
                 */
                function LineItem(properties) {
                    if (properties)
                        for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null)
                                this[keys[i]] = properties[keys[i]];
                }

                /**
                 * LineItem lineItemId.
                 * @member {string} lineItemId
                 * @memberof commercebridge.orders.v1.LineItem
                 * @instance
                 */
                LineItem.prototype.lineItemId = "";

                /**
                 * LineItem sku.
                 * @member {string} sku
                 * @memberof commercebridge.orders.v1.LineItem
                 * @instance
                 */
                LineItem.prototype.sku = "";

                /**
                 * LineItem name.
                 * @member {string} name
                 * @memberof commercebridge.orders.v1.LineItem
                 * @instance
                 */
                LineItem.prototype.name = "";

                /**
                 * LineItem quantity.
                 * @member {number} quantity
                 * @memberof commercebridge.orders.v1.LineItem
                 * @instance
                 */
                LineItem.prototype.quantity = 0;

                /**
                 * LineItem unitPrice.
                 * @member {commercebridge.common.v1.IMoney|null|undefined} unitPrice
                 * @memberof commercebridge.orders.v1.LineItem
                 * @instance
                 */
                LineItem.prototype.unitPrice = null;

                /**
                 * Creates a new LineItem instance using the specified properties.
                 * @function create
                 * @memberof commercebridge.orders.v1.LineItem
                 * @static
                 * @param {commercebridge.orders.v1.ILineItem=} [properties] Properties to set
                 * @returns {commercebridge.orders.v1.LineItem} LineItem instance
                 */
                LineItem.create = function create(properties) {
                    return new LineItem(properties);
                };

                /**
                 * Encodes the specified LineItem message. Does not implicitly {@link commercebridge.orders.v1.LineItem.verify|verify} messages.
                 * @function encode
                 * @memberof commercebridge.orders.v1.LineItem
                 * @static
                 * @param {commercebridge.orders.v1.ILineItem} message LineItem message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                LineItem.encode = function encode(message, writer) {
                    if (!writer)
                        writer = $Writer.create();
                    if (message.lineItemId != null && Object.hasOwnProperty.call(message, "lineItemId"))
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.lineItemId);
                    if (message.sku != null && Object.hasOwnProperty.call(message, "sku"))
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.sku);
                    if (message.name != null && Object.hasOwnProperty.call(message, "name"))
                        writer.uint32(/* id 3, wireType 2 =*/26).string(message.name);
                    if (message.quantity != null && Object.hasOwnProperty.call(message, "quantity"))
                        writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.quantity);
                    if (message.unitPrice != null && Object.hasOwnProperty.call(message, "unitPrice"))
                        $root.commercebridge.common.v1.Money.encode(message.unitPrice, writer.uint32(/* id 5, wireType 2 =*/42).fork()).ldelim();
                    return writer;
                };

                /**
                 * Encodes the specified LineItem message, length delimited. Does not implicitly {@link commercebridge.orders.v1.LineItem.verify|verify} messages.
                 * @function encodeDelimited
                 * @memberof commercebridge.orders.v1.LineItem
                 * @static
                 * @param {commercebridge.orders.v1.ILineItem} message LineItem message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                LineItem.encodeDelimited = function encodeDelimited(message, writer) {
                    return this.encode(message, writer).ldelim();
                };

                /**
                 * Decodes a LineItem message from the specified reader or buffer.
                 * @function decode
                 * @memberof commercebridge.orders.v1.LineItem
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {commercebridge.orders.v1.LineItem} LineItem
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                LineItem.decode = function decode(reader, length, error) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    let end = length === undefined ? reader.len : reader.pos + length, message = new $root.commercebridge.orders.v1.LineItem();
                    while (reader.pos < end) {
                        let tag = reader.uint32();
                        if (tag === error)
                            break;
                        switch (tag >>> 3) {
                        case 1: {
                                message.lineItemId = reader.string();
                                break;
                            }
                        case 2: {
                                message.sku = reader.string();
                                break;
                            }
                        case 3: {
                                message.name = reader.string();
                                break;
                            }
                        case 4: {
                                message.quantity = reader.uint32();
                                break;
                            }
                        case 5: {
                                message.unitPrice = $root.commercebridge.common.v1.Money.decode(reader, reader.uint32());
                                break;
                            }
                        default:
                            reader.skipType(tag & 7);
                            break;
                        }
                    }
                    return message;
                };

                /**
                 * Decodes a LineItem message from the specified reader or buffer, length delimited.
                 * @function decodeDelimited
                 * @memberof commercebridge.orders.v1.LineItem
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @returns {commercebridge.orders.v1.LineItem} LineItem
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                LineItem.decodeDelimited = function decodeDelimited(reader) {
                    if (!(reader instanceof $Reader))
                        reader = new $Reader(reader);
                    return this.decode(reader, reader.uint32());
                };

                /**
                 * Verifies a LineItem message.
                 * @function verify
                 * @memberof commercebridge.orders.v1.LineItem
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                LineItem.verify = function verify(message) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (message.lineItemId != null && message.hasOwnProperty("lineItemId"))
                        if (!$util.isString(message.lineItemId))
                            return "lineItemId: string expected";
                    if (message.sku != null && message.hasOwnProperty("sku"))
                        if (!$util.isString(message.sku))
                            return "sku: string expected";
                    if (message.name != null && message.hasOwnProperty("name"))
                        if (!$util.isString(message.name))
                            return "name: string expected";
                    if (message.quantity != null && message.hasOwnProperty("quantity"))
                        if (!$util.isInteger(message.quantity))
                            return "quantity: integer expected";
                    if (message.unitPrice != null && message.hasOwnProperty("unitPrice")) {
                        let error = $root.commercebridge.common.v1.Money.verify(message.unitPrice);
                        if (error)
                            return "unitPrice." + error;
                    }
                    return null;
                };

                /**
                 * Creates a LineItem message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof commercebridge.orders.v1.LineItem
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {commercebridge.orders.v1.LineItem} LineItem
                 */
                LineItem.fromObject = function fromObject(object) {
                    if (object instanceof $root.commercebridge.orders.v1.LineItem)
                        return object;
                    let message = new $root.commercebridge.orders.v1.LineItem();
                    if (object.lineItemId != null)
                        message.lineItemId = String(object.lineItemId);
                    if (object.sku != null)
                        message.sku = String(object.sku);
                    if (object.name != null)
                        message.name = String(object.name);
                    if (object.quantity != null)
                        message.quantity = object.quantity >>> 0;
                    if (object.unitPrice != null) {
                        if (typeof object.unitPrice !== "object")
                            throw TypeError(".commercebridge.orders.v1.LineItem.unitPrice: object expected");
                        message.unitPrice = $root.commercebridge.common.v1.Money.fromObject(object.unitPrice);
                    }
                    return message;
                };

                /**
                 * Creates a plain object from a LineItem message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof commercebridge.orders.v1.LineItem
                 * @static
                 * @param {commercebridge.orders.v1.LineItem} message LineItem
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                LineItem.toObject = function toObject(message, options) {
                    if (!options)
                        options = {};
                    let object = {};
                    if (options.defaults) {
                        object.lineItemId = "";
                        object.sku = "";
                        object.name = "";
                        object.quantity = 0;
                        object.unitPrice = null;
                    }
                    if (message.lineItemId != null && message.hasOwnProperty("lineItemId"))
                        object.lineItemId = message.lineItemId;
                    if (message.sku != null && message.hasOwnProperty("sku"))
                        object.sku = message.sku;
                    if (message.name != null && message.hasOwnProperty("name"))
                        object.name = message.name;
                    if (message.quantity != null && message.hasOwnProperty("quantity"))
                        object.quantity = message.quantity;
                    if (message.unitPrice != null && message.hasOwnProperty("unitPrice"))
                        object.unitPrice = $root.commercebridge.common.v1.Money.toObject(message.unitPrice, options);
                    return object;
                };

                /**
                 * Converts this LineItem to JSON.
                 * @function toJSON
                 * @memberof commercebridge.orders.v1.LineItem
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                LineItem.prototype.toJSON = function toJSON() {
                    return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the default type url for LineItem
                 * @function getTypeUrl
                 * @memberof commercebridge.orders.v1.LineItem
                 * @static
                 * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
                 * @returns {string} The default type url
                 */
                LineItem.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                    if (typeUrlPrefix === undefined) {
                        typeUrlPrefix = "type.googleapis.com";
                    }
                    return typeUrlPrefix + "/commercebridge.orders.v1.LineItem";
                };

                return LineItem;
            })();

            /**
             * CancellationReason enum.
             * @name commercebridge.orders.v1.CancellationReason
             * @enum {number}
             * @property {number} CANCELLATION_REASON_UNSPECIFIED=0 CANCELLATION_REASON_UNSPECIFIED value
             * @property {number} CANCELLATION_REASON_CUSTOMER_REQUEST=1 CANCELLATION_REASON_CUSTOMER_REQUEST value
             * @property {number} CANCELLATION_REASON_PAYMENT_FAILED=2 CANCELLATION_REASON_PAYMENT_FAILED value
             * @property {number} CANCELLATION_REASON_OUT_OF_STOCK=3 CANCELLATION_REASON_OUT_OF_STOCK value
             * @property {number} CANCELLATION_REASON_FRAUD_SUSPECTED=4 CANCELLATION_REASON_FRAUD_SUSPECTED value
             */
            v1.CancellationReason = (function() {
                const valuesById = {}, values = Object.create(valuesById);
                values[valuesById[0] = "CANCELLATION_REASON_UNSPECIFIED"] = 0;
                values[valuesById[1] = "CANCELLATION_REASON_CUSTOMER_REQUEST"] = 1;
                values[valuesById[2] = "CANCELLATION_REASON_PAYMENT_FAILED"] = 2;
                values[valuesById[3] = "CANCELLATION_REASON_OUT_OF_STOCK"] = 3;
                values[valuesById[4] = "CANCELLATION_REASON_FRAUD_SUSPECTED"] = 4;
                return values;
            })();

            return v1;
        })();

        return orders;
    })();

    commercebridge.queue = (function() {

        /**
         * Namespace queue.
         * @memberof commercebridge
         * @namespace
         */
        const queue = {};

        queue.v1 = (function() {

            /**
             * Namespace v1.
             * @memberof commercebridge.queue
             * @namespace
             */
            const v1 = {};

            v1.JobCard = (function() {

                /**
                 * Properties of a JobCard.
                 * @memberof commercebridge.queue.v1
                 * @interface IJobCard
                 * @property {string|null} [jobId] JobCard jobId
                 * @property {string|null} [queue] JobCard queue
                 * @property {string|null} [type] JobCard type
                 * @property {Uint8Array|null} [payload] JobCard payload
                 * @property {string|null} [payloadContentType] JobCard payloadContentType
                 * @property {number|null} [priority] JobCard priority
                 * @property {number|null} [attempts] JobCard attempts
                 * @property {number|null} [maxAttempts] JobCard maxAttempts
                 * @property {string|null} [runAt] JobCard runAt
                 * @property {string|null} [enqueuedAt] JobCard enqueuedAt
                 * @property {number|null} [timeoutMs] JobCard timeoutMs
                 * @property {string|null} [orderingKey] JobCard orderingKey
                 * @property {string|null} [batchId] JobCard batchId
                 * @property {Object.<string,string>|null} [labels] JobCard labels
                 * @property {boolean|null} [hasRow] JobCard hasRow
                 */

                /**
                 * Constructs a new JobCard.
                 * @memberof commercebridge.queue.v1
                 * @classdesc Represents a JobCard.
                 * @implements IJobCard
                 * @constructor
                 * @param {commercebridge.queue.v1.IJobCard=} [properties] Properties to set
                 */
                function JobCard(properties) {
                    this.labels = {};
                    if (properties)
                        for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null)
                                this[keys[i]] = properties[keys[i]];
                }

                /**
                 * JobCard jobId.
                 * @member {string} jobId
                 * @memberof commercebridge.queue.v1.JobCard
                 * @instance
                 */
                JobCard.prototype.jobId = "";

                /**
                 * JobCard queue.
                 * @member {string} queue
                 * @memberof commercebridge.queue.v1.JobCard
                 * @instance
                 */
                JobCard.prototype.queue = "";

                /**
                 * JobCard type.
                 * @member {string} type
                 * @memberof commercebridge.queue.v1.JobCard
                 * @instance
                 */
                JobCard.prototype.type = "";

                /**
                 * JobCard payload.
                 * @member {Uint8Array} payload
                 * @memberof commercebridge.queue.v1.JobCard
                 * @instance
                 */
                JobCard.prototype.payload = $util.newBuffer([]);

                /**
                 * JobCard payloadContentType.
                 * @member {string} payloadContentType
                 * @memberof commercebridge.queue.v1.JobCard
                 * @instance
                 */
                JobCard.prototype.payloadContentType = "";

                /**
                 * JobCard priority.
                 * @member {number} priority
                 * @memberof commercebridge.queue.v1.JobCard
                 * @instance
                 */
                JobCard.prototype.priority = 0;

                /**
                 * JobCard attempts.
                 * @member {number} attempts
                 * @memberof commercebridge.queue.v1.JobCard
                 * @instance
                 */
                JobCard.prototype.attempts = 0;

                /**
                 * JobCard maxAttempts.
                 * @member {number} maxAttempts
                 * @memberof commercebridge.queue.v1.JobCard
                 * @instance
                 */
                JobCard.prototype.maxAttempts = 0;

                /**
                 * JobCard runAt.
                 * @member {string} runAt
                 * @memberof commercebridge.queue.v1.JobCard
                 * @instance
                 */
                JobCard.prototype.runAt = "";

                /**
                 * JobCard enqueuedAt.
                 * @member {string} enqueuedAt
                 * @memberof commercebridge.queue.v1.JobCard
                 * @instance
                 */
                JobCard.prototype.enqueuedAt = "";

                /**
                 * JobCard timeoutMs.
                 * @member {number} timeoutMs
                 * @memberof commercebridge.queue.v1.JobCard
                 * @instance
                 */
                JobCard.prototype.timeoutMs = 0;

                /**
                 * JobCard orderingKey.
                 * @member {string} orderingKey
                 * @memberof commercebridge.queue.v1.JobCard
                 * @instance
                 */
                JobCard.prototype.orderingKey = "";

                /**
                 * JobCard batchId.
                 * @member {string} batchId
                 * @memberof commercebridge.queue.v1.JobCard
                 * @instance
                 */
                JobCard.prototype.batchId = "";

                /**
                 * JobCard labels.
                 * @member {Object.<string,string>} labels
                 * @memberof commercebridge.queue.v1.JobCard
                 * @instance
                 */
                JobCard.prototype.labels = $util.emptyObject;

                /**
                 * JobCard hasRow.
                 * @member {boolean} hasRow
                 * @memberof commercebridge.queue.v1.JobCard
                 * @instance
                 */
                JobCard.prototype.hasRow = false;

                /**
                 * Creates a new JobCard instance using the specified properties.
                 * @function create
                 * @memberof commercebridge.queue.v1.JobCard
                 * @static
                 * @param {commercebridge.queue.v1.IJobCard=} [properties] Properties to set
                 * @returns {commercebridge.queue.v1.JobCard} JobCard instance
                 */
                JobCard.create = function create(properties) {
                    return new JobCard(properties);
                };

                /**
                 * Encodes the specified JobCard message. Does not implicitly {@link commercebridge.queue.v1.JobCard.verify|verify} messages.
                 * @function encode
                 * @memberof commercebridge.queue.v1.JobCard
                 * @static
                 * @param {commercebridge.queue.v1.IJobCard} message JobCard message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                JobCard.encode = function encode(message, writer) {
                    if (!writer)
                        writer = $Writer.create();
                    if (message.jobId != null && Object.hasOwnProperty.call(message, "jobId"))
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.jobId);
                    if (message.queue != null && Object.hasOwnProperty.call(message, "queue"))
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.queue);
                    if (message.type != null && Object.hasOwnProperty.call(message, "type"))
                        writer.uint32(/* id 3, wireType 2 =*/26).string(message.type);
                    if (message.payload != null && Object.hasOwnProperty.call(message, "payload"))
                        writer.uint32(/* id 4, wireType 2 =*/34).bytes(message.payload);
                    if (message.payloadContentType != null && Object.hasOwnProperty.call(message, "payloadContentType"))
                        writer.uint32(/* id 5, wireType 2 =*/42).string(message.payloadContentType);
                    if (message.priority != null && Object.hasOwnProperty.call(message, "priority"))
                        writer.uint32(/* id 6, wireType 0 =*/48).int32(message.priority);
                    if (message.attempts != null && Object.hasOwnProperty.call(message, "attempts"))
                        writer.uint32(/* id 7, wireType 0 =*/56).uint32(message.attempts);
                    if (message.maxAttempts != null && Object.hasOwnProperty.call(message, "maxAttempts"))
                        writer.uint32(/* id 8, wireType 0 =*/64).uint32(message.maxAttempts);
                    if (message.runAt != null && Object.hasOwnProperty.call(message, "runAt"))
                        writer.uint32(/* id 9, wireType 2 =*/74).string(message.runAt);
                    if (message.enqueuedAt != null && Object.hasOwnProperty.call(message, "enqueuedAt"))
                        writer.uint32(/* id 10, wireType 2 =*/82).string(message.enqueuedAt);
                    if (message.timeoutMs != null && Object.hasOwnProperty.call(message, "timeoutMs"))
                        writer.uint32(/* id 11, wireType 0 =*/88).uint32(message.timeoutMs);
                    if (message.orderingKey != null && Object.hasOwnProperty.call(message, "orderingKey"))
                        writer.uint32(/* id 12, wireType 2 =*/98).string(message.orderingKey);
                    if (message.batchId != null && Object.hasOwnProperty.call(message, "batchId"))
                        writer.uint32(/* id 13, wireType 2 =*/106).string(message.batchId);
                    if (message.labels != null && Object.hasOwnProperty.call(message, "labels"))
                        for (let keys = Object.keys(message.labels), i = 0; i < keys.length; ++i)
                            writer.uint32(/* id 14, wireType 2 =*/114).fork().uint32(/* id 1, wireType 2 =*/10).string(keys[i]).uint32(/* id 2, wireType 2 =*/18).string(message.labels[keys[i]]).ldelim();
                    if (message.hasRow != null && Object.hasOwnProperty.call(message, "hasRow"))
                        writer.uint32(/* id 15, wireType 0 =*/120).bool(message.hasRow);
                    return writer;
                };

                /**
                 * Encodes the specified JobCard message, length delimited. Does not implicitly {@link commercebridge.queue.v1.JobCard.verify|verify} messages.
                 * @function encodeDelimited
                 * @memberof commercebridge.queue.v1.JobCard
                 * @static
                 * @param {commercebridge.queue.v1.IJobCard} message JobCard message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                JobCard.encodeDelimited = function encodeDelimited(message, writer) {
                    return this.encode(message, writer).ldelim();
                };

                /**
                 * Decodes a JobCard message from the specified reader or buffer.
                 * @function decode
                 * @memberof commercebridge.queue.v1.JobCard
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {commercebridge.queue.v1.JobCard} JobCard
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                JobCard.decode = function decode(reader, length, error) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    let end = length === undefined ? reader.len : reader.pos + length, message = new $root.commercebridge.queue.v1.JobCard(), key, value;
                    while (reader.pos < end) {
                        let tag = reader.uint32();
                        if (tag === error)
                            break;
                        switch (tag >>> 3) {
                        case 1: {
                                message.jobId = reader.string();
                                break;
                            }
                        case 2: {
                                message.queue = reader.string();
                                break;
                            }
                        case 3: {
                                message.type = reader.string();
                                break;
                            }
                        case 4: {
                                message.payload = reader.bytes();
                                break;
                            }
                        case 5: {
                                message.payloadContentType = reader.string();
                                break;
                            }
                        case 6: {
                                message.priority = reader.int32();
                                break;
                            }
                        case 7: {
                                message.attempts = reader.uint32();
                                break;
                            }
                        case 8: {
                                message.maxAttempts = reader.uint32();
                                break;
                            }
                        case 9: {
                                message.runAt = reader.string();
                                break;
                            }
                        case 10: {
                                message.enqueuedAt = reader.string();
                                break;
                            }
                        case 11: {
                                message.timeoutMs = reader.uint32();
                                break;
                            }
                        case 12: {
                                message.orderingKey = reader.string();
                                break;
                            }
                        case 13: {
                                message.batchId = reader.string();
                                break;
                            }
                        case 14: {
                                if (message.labels === $util.emptyObject)
                                    message.labels = {};
                                let end2 = reader.uint32() + reader.pos;
                                key = "";
                                value = "";
                                while (reader.pos < end2) {
                                    let tag2 = reader.uint32();
                                    switch (tag2 >>> 3) {
                                    case 1:
                                        key = reader.string();
                                        break;
                                    case 2:
                                        value = reader.string();
                                        break;
                                    default:
                                        reader.skipType(tag2 & 7);
                                        break;
                                    }
                                }
                                message.labels[key] = value;
                                break;
                            }
                        case 15: {
                                message.hasRow = reader.bool();
                                break;
                            }
                        default:
                            reader.skipType(tag & 7);
                            break;
                        }
                    }
                    return message;
                };

                /**
                 * Decodes a JobCard message from the specified reader or buffer, length delimited.
                 * @function decodeDelimited
                 * @memberof commercebridge.queue.v1.JobCard
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @returns {commercebridge.queue.v1.JobCard} JobCard
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                JobCard.decodeDelimited = function decodeDelimited(reader) {
                    if (!(reader instanceof $Reader))
                        reader = new $Reader(reader);
                    return this.decode(reader, reader.uint32());
                };

                /**
                 * Verifies a JobCard message.
                 * @function verify
                 * @memberof commercebridge.queue.v1.JobCard
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                JobCard.verify = function verify(message) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (message.jobId != null && message.hasOwnProperty("jobId"))
                        if (!$util.isString(message.jobId))
                            return "jobId: string expected";
                    if (message.queue != null && message.hasOwnProperty("queue"))
                        if (!$util.isString(message.queue))
                            return "queue: string expected";
                    if (message.type != null && message.hasOwnProperty("type"))
                        if (!$util.isString(message.type))
                            return "type: string expected";
                    if (message.payload != null && message.hasOwnProperty("payload"))
                        if (!(message.payload && typeof message.payload.length === "number" || $util.isString(message.payload)))
                            return "payload: buffer expected";
                    if (message.payloadContentType != null && message.hasOwnProperty("payloadContentType"))
                        if (!$util.isString(message.payloadContentType))
                            return "payloadContentType: string expected";
                    if (message.priority != null && message.hasOwnProperty("priority"))
                        if (!$util.isInteger(message.priority))
                            return "priority: integer expected";
                    if (message.attempts != null && message.hasOwnProperty("attempts"))
                        if (!$util.isInteger(message.attempts))
                            return "attempts: integer expected";
                    if (message.maxAttempts != null && message.hasOwnProperty("maxAttempts"))
                        if (!$util.isInteger(message.maxAttempts))
                            return "maxAttempts: integer expected";
                    if (message.runAt != null && message.hasOwnProperty("runAt"))
                        if (!$util.isString(message.runAt))
                            return "runAt: string expected";
                    if (message.enqueuedAt != null && message.hasOwnProperty("enqueuedAt"))
                        if (!$util.isString(message.enqueuedAt))
                            return "enqueuedAt: string expected";
                    if (message.timeoutMs != null && message.hasOwnProperty("timeoutMs"))
                        if (!$util.isInteger(message.timeoutMs))
                            return "timeoutMs: integer expected";
                    if (message.orderingKey != null && message.hasOwnProperty("orderingKey"))
                        if (!$util.isString(message.orderingKey))
                            return "orderingKey: string expected";
                    if (message.batchId != null && message.hasOwnProperty("batchId"))
                        if (!$util.isString(message.batchId))
                            return "batchId: string expected";
                    if (message.labels != null && message.hasOwnProperty("labels")) {
                        if (!$util.isObject(message.labels))
                            return "labels: object expected";
                        let key = Object.keys(message.labels);
                        for (let i = 0; i < key.length; ++i)
                            if (!$util.isString(message.labels[key[i]]))
                                return "labels: string{k:string} expected";
                    }
                    if (message.hasRow != null && message.hasOwnProperty("hasRow"))
                        if (typeof message.hasRow !== "boolean")
                            return "hasRow: boolean expected";
                    return null;
                };

                /**
                 * Creates a JobCard message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof commercebridge.queue.v1.JobCard
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {commercebridge.queue.v1.JobCard} JobCard
                 */
                JobCard.fromObject = function fromObject(object) {
                    if (object instanceof $root.commercebridge.queue.v1.JobCard)
                        return object;
                    let message = new $root.commercebridge.queue.v1.JobCard();
                    if (object.jobId != null)
                        message.jobId = String(object.jobId);
                    if (object.queue != null)
                        message.queue = String(object.queue);
                    if (object.type != null)
                        message.type = String(object.type);
                    if (object.payload != null)
                        if (typeof object.payload === "string")
                            $util.base64.decode(object.payload, message.payload = $util.newBuffer($util.base64.length(object.payload)), 0);
                        else if (object.payload.length >= 0)
                            message.payload = object.payload;
                    if (object.payloadContentType != null)
                        message.payloadContentType = String(object.payloadContentType);
                    if (object.priority != null)
                        message.priority = object.priority | 0;
                    if (object.attempts != null)
                        message.attempts = object.attempts >>> 0;
                    if (object.maxAttempts != null)
                        message.maxAttempts = object.maxAttempts >>> 0;
                    if (object.runAt != null)
                        message.runAt = String(object.runAt);
                    if (object.enqueuedAt != null)
                        message.enqueuedAt = String(object.enqueuedAt);
                    if (object.timeoutMs != null)
                        message.timeoutMs = object.timeoutMs >>> 0;
                    if (object.orderingKey != null)
                        message.orderingKey = String(object.orderingKey);
                    if (object.batchId != null)
                        message.batchId = String(object.batchId);
                    if (object.labels) {
                        if (typeof object.labels !== "object")
                            throw TypeError(".commercebridge.queue.v1.JobCard.labels: object expected");
                        message.labels = {};
                        for (let keys = Object.keys(object.labels), i = 0; i < keys.length; ++i)
                            message.labels[keys[i]] = String(object.labels[keys[i]]);
                    }
                    if (object.hasRow != null)
                        message.hasRow = Boolean(object.hasRow);
                    return message;
                };

                /**
                 * Creates a plain object from a JobCard message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof commercebridge.queue.v1.JobCard
                 * @static
                 * @param {commercebridge.queue.v1.JobCard} message JobCard
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                JobCard.toObject = function toObject(message, options) {
                    if (!options)
                        options = {};
                    let object = {};
                    if (options.objects || options.defaults)
                        object.labels = {};
                    if (options.defaults) {
                        object.jobId = "";
                        object.queue = "";
                        object.type = "";
                        if (options.bytes === String)
                            object.payload = "";
                        else {
                            object.payload = [];
                            if (options.bytes !== Array)
                                object.payload = $util.newBuffer(object.payload);
                        }
                        object.payloadContentType = "";
                        object.priority = 0;
                        object.attempts = 0;
                        object.maxAttempts = 0;
                        object.runAt = "";
                        object.enqueuedAt = "";
                        object.timeoutMs = 0;
                        object.orderingKey = "";
                        object.batchId = "";
                        object.hasRow = false;
                    }
                    if (message.jobId != null && message.hasOwnProperty("jobId"))
                        object.jobId = message.jobId;
                    if (message.queue != null && message.hasOwnProperty("queue"))
                        object.queue = message.queue;
                    if (message.type != null && message.hasOwnProperty("type"))
                        object.type = message.type;
                    if (message.payload != null && message.hasOwnProperty("payload"))
                        object.payload = options.bytes === String ? $util.base64.encode(message.payload, 0, message.payload.length) : options.bytes === Array ? Array.prototype.slice.call(message.payload) : message.payload;
                    if (message.payloadContentType != null && message.hasOwnProperty("payloadContentType"))
                        object.payloadContentType = message.payloadContentType;
                    if (message.priority != null && message.hasOwnProperty("priority"))
                        object.priority = message.priority;
                    if (message.attempts != null && message.hasOwnProperty("attempts"))
                        object.attempts = message.attempts;
                    if (message.maxAttempts != null && message.hasOwnProperty("maxAttempts"))
                        object.maxAttempts = message.maxAttempts;
                    if (message.runAt != null && message.hasOwnProperty("runAt"))
                        object.runAt = message.runAt;
                    if (message.enqueuedAt != null && message.hasOwnProperty("enqueuedAt"))
                        object.enqueuedAt = message.enqueuedAt;
                    if (message.timeoutMs != null && message.hasOwnProperty("timeoutMs"))
                        object.timeoutMs = message.timeoutMs;
                    if (message.orderingKey != null && message.hasOwnProperty("orderingKey"))
                        object.orderingKey = message.orderingKey;
                    if (message.batchId != null && message.hasOwnProperty("batchId"))
                        object.batchId = message.batchId;
                    let keys2;
                    if (message.labels && (keys2 = Object.keys(message.labels)).length) {
                        object.labels = {};
                        for (let j = 0; j < keys2.length; ++j)
                            object.labels[keys2[j]] = message.labels[keys2[j]];
                    }
                    if (message.hasRow != null && message.hasOwnProperty("hasRow"))
                        object.hasRow = message.hasRow;
                    return object;
                };

                /**
                 * Converts this JobCard to JSON.
                 * @function toJSON
                 * @memberof commercebridge.queue.v1.JobCard
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                JobCard.prototype.toJSON = function toJSON() {
                    return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the default type url for JobCard
                 * @function getTypeUrl
                 * @memberof commercebridge.queue.v1.JobCard
                 * @static
                 * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
                 * @returns {string} The default type url
                 */
                JobCard.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                    if (typeUrlPrefix === undefined) {
                        typeUrlPrefix = "type.googleapis.com";
                    }
                    return typeUrlPrefix + "/commercebridge.queue.v1.JobCard";
                };

                return JobCard;
            })();

            v1.JobCompleted = (function() {

                /**
                 * Properties of a JobCompleted.
                 * @memberof commercebridge.queue.v1
                 * @interface IJobCompleted
                 * @property {string|null} [jobId] JobCompleted jobId
                 * @property {string|null} [queue] JobCompleted queue
                 * @property {string|null} [type] JobCompleted type
                 * @property {number|null} [attempts] JobCompleted attempts
                 * @property {Uint8Array|null} [result] JobCompleted result
                 * @property {string|null} [resultContentType] JobCompleted resultContentType
                 * @property {string|null} [completedAt] JobCompleted completedAt
                 * @property {string|null} [orderingKey] JobCompleted orderingKey
                 */

                /**
                 * Constructs a new JobCompleted.
                 * @memberof commercebridge.queue.v1
                 * @classdesc Represents a JobCompleted.
                 * @implements IJobCompleted
                 * @constructor
                 * @param {commercebridge.queue.v1.IJobCompleted=} [properties] Properties to set
                 */
                function JobCompleted(properties) {
                    if (properties)
                        for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null)
                                this[keys[i]] = properties[keys[i]];
                }

                /**
                 * JobCompleted jobId.
                 * @member {string} jobId
                 * @memberof commercebridge.queue.v1.JobCompleted
                 * @instance
                 */
                JobCompleted.prototype.jobId = "";

                /**
                 * JobCompleted queue.
                 * @member {string} queue
                 * @memberof commercebridge.queue.v1.JobCompleted
                 * @instance
                 */
                JobCompleted.prototype.queue = "";

                /**
                 * JobCompleted type.
                 * @member {string} type
                 * @memberof commercebridge.queue.v1.JobCompleted
                 * @instance
                 */
                JobCompleted.prototype.type = "";

                /**
                 * JobCompleted attempts.
                 * @member {number} attempts
                 * @memberof commercebridge.queue.v1.JobCompleted
                 * @instance
                 */
                JobCompleted.prototype.attempts = 0;

                /**
                 * JobCompleted result.
                 * @member {Uint8Array} result
                 * @memberof commercebridge.queue.v1.JobCompleted
                 * @instance
                 */
                JobCompleted.prototype.result = $util.newBuffer([]);

                /**
                 * JobCompleted resultContentType.
                 * @member {string} resultContentType
                 * @memberof commercebridge.queue.v1.JobCompleted
                 * @instance
                 */
                JobCompleted.prototype.resultContentType = "";

                /**
                 * JobCompleted completedAt.
                 * @member {string} completedAt
                 * @memberof commercebridge.queue.v1.JobCompleted
                 * @instance
                 */
                JobCompleted.prototype.completedAt = "";

                /**
                 * JobCompleted orderingKey.
                 * @member {string} orderingKey
                 * @memberof commercebridge.queue.v1.JobCompleted
                 * @instance
                 */
                JobCompleted.prototype.orderingKey = "";

                /**
                 * Creates a new JobCompleted instance using the specified properties.
                 * @function create
                 * @memberof commercebridge.queue.v1.JobCompleted
                 * @static
                 * @param {commercebridge.queue.v1.IJobCompleted=} [properties] Properties to set
                 * @returns {commercebridge.queue.v1.JobCompleted} JobCompleted instance
                 */
                JobCompleted.create = function create(properties) {
                    return new JobCompleted(properties);
                };

                /**
                 * Encodes the specified JobCompleted message. Does not implicitly {@link commercebridge.queue.v1.JobCompleted.verify|verify} messages.
                 * @function encode
                 * @memberof commercebridge.queue.v1.JobCompleted
                 * @static
                 * @param {commercebridge.queue.v1.IJobCompleted} message JobCompleted message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                JobCompleted.encode = function encode(message, writer) {
                    if (!writer)
                        writer = $Writer.create();
                    if (message.jobId != null && Object.hasOwnProperty.call(message, "jobId"))
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.jobId);
                    if (message.queue != null && Object.hasOwnProperty.call(message, "queue"))
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.queue);
                    if (message.type != null && Object.hasOwnProperty.call(message, "type"))
                        writer.uint32(/* id 3, wireType 2 =*/26).string(message.type);
                    if (message.attempts != null && Object.hasOwnProperty.call(message, "attempts"))
                        writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.attempts);
                    if (message.result != null && Object.hasOwnProperty.call(message, "result"))
                        writer.uint32(/* id 5, wireType 2 =*/42).bytes(message.result);
                    if (message.resultContentType != null && Object.hasOwnProperty.call(message, "resultContentType"))
                        writer.uint32(/* id 6, wireType 2 =*/50).string(message.resultContentType);
                    if (message.completedAt != null && Object.hasOwnProperty.call(message, "completedAt"))
                        writer.uint32(/* id 7, wireType 2 =*/58).string(message.completedAt);
                    if (message.orderingKey != null && Object.hasOwnProperty.call(message, "orderingKey"))
                        writer.uint32(/* id 8, wireType 2 =*/66).string(message.orderingKey);
                    return writer;
                };

                /**
                 * Encodes the specified JobCompleted message, length delimited. Does not implicitly {@link commercebridge.queue.v1.JobCompleted.verify|verify} messages.
                 * @function encodeDelimited
                 * @memberof commercebridge.queue.v1.JobCompleted
                 * @static
                 * @param {commercebridge.queue.v1.IJobCompleted} message JobCompleted message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                JobCompleted.encodeDelimited = function encodeDelimited(message, writer) {
                    return this.encode(message, writer).ldelim();
                };

                /**
                 * Decodes a JobCompleted message from the specified reader or buffer.
                 * @function decode
                 * @memberof commercebridge.queue.v1.JobCompleted
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {commercebridge.queue.v1.JobCompleted} JobCompleted
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                JobCompleted.decode = function decode(reader, length, error) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    let end = length === undefined ? reader.len : reader.pos + length, message = new $root.commercebridge.queue.v1.JobCompleted();
                    while (reader.pos < end) {
                        let tag = reader.uint32();
                        if (tag === error)
                            break;
                        switch (tag >>> 3) {
                        case 1: {
                                message.jobId = reader.string();
                                break;
                            }
                        case 2: {
                                message.queue = reader.string();
                                break;
                            }
                        case 3: {
                                message.type = reader.string();
                                break;
                            }
                        case 4: {
                                message.attempts = reader.uint32();
                                break;
                            }
                        case 5: {
                                message.result = reader.bytes();
                                break;
                            }
                        case 6: {
                                message.resultContentType = reader.string();
                                break;
                            }
                        case 7: {
                                message.completedAt = reader.string();
                                break;
                            }
                        case 8: {
                                message.orderingKey = reader.string();
                                break;
                            }
                        default:
                            reader.skipType(tag & 7);
                            break;
                        }
                    }
                    return message;
                };

                /**
                 * Decodes a JobCompleted message from the specified reader or buffer, length delimited.
                 * @function decodeDelimited
                 * @memberof commercebridge.queue.v1.JobCompleted
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @returns {commercebridge.queue.v1.JobCompleted} JobCompleted
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                JobCompleted.decodeDelimited = function decodeDelimited(reader) {
                    if (!(reader instanceof $Reader))
                        reader = new $Reader(reader);
                    return this.decode(reader, reader.uint32());
                };

                /**
                 * Verifies a JobCompleted message.
                 * @function verify
                 * @memberof commercebridge.queue.v1.JobCompleted
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                JobCompleted.verify = function verify(message) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (message.jobId != null && message.hasOwnProperty("jobId"))
                        if (!$util.isString(message.jobId))
                            return "jobId: string expected";
                    if (message.queue != null && message.hasOwnProperty("queue"))
                        if (!$util.isString(message.queue))
                            return "queue: string expected";
                    if (message.type != null && message.hasOwnProperty("type"))
                        if (!$util.isString(message.type))
                            return "type: string expected";
                    if (message.attempts != null && message.hasOwnProperty("attempts"))
                        if (!$util.isInteger(message.attempts))
                            return "attempts: integer expected";
                    if (message.result != null && message.hasOwnProperty("result"))
                        if (!(message.result && typeof message.result.length === "number" || $util.isString(message.result)))
                            return "result: buffer expected";
                    if (message.resultContentType != null && message.hasOwnProperty("resultContentType"))
                        if (!$util.isString(message.resultContentType))
                            return "resultContentType: string expected";
                    if (message.completedAt != null && message.hasOwnProperty("completedAt"))
                        if (!$util.isString(message.completedAt))
                            return "completedAt: string expected";
                    if (message.orderingKey != null && message.hasOwnProperty("orderingKey"))
                        if (!$util.isString(message.orderingKey))
                            return "orderingKey: string expected";
                    return null;
                };

                /**
                 * Creates a JobCompleted message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof commercebridge.queue.v1.JobCompleted
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {commercebridge.queue.v1.JobCompleted} JobCompleted
                 */
                JobCompleted.fromObject = function fromObject(object) {
                    if (object instanceof $root.commercebridge.queue.v1.JobCompleted)
                        return object;
                    let message = new $root.commercebridge.queue.v1.JobCompleted();
                    if (object.jobId != null)
                        message.jobId = String(object.jobId);
                    if (object.queue != null)
                        message.queue = String(object.queue);
                    if (object.type != null)
                        message.type = String(object.type);
                    if (object.attempts != null)
                        message.attempts = object.attempts >>> 0;
                    if (object.result != null)
                        if (typeof object.result === "string")
                            $util.base64.decode(object.result, message.result = $util.newBuffer($util.base64.length(object.result)), 0);
                        else if (object.result.length >= 0)
                            message.result = object.result;
                    if (object.resultContentType != null)
                        message.resultContentType = String(object.resultContentType);
                    if (object.completedAt != null)
                        message.completedAt = String(object.completedAt);
                    if (object.orderingKey != null)
                        message.orderingKey = String(object.orderingKey);
                    return message;
                };

                /**
                 * Creates a plain object from a JobCompleted message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof commercebridge.queue.v1.JobCompleted
                 * @static
                 * @param {commercebridge.queue.v1.JobCompleted} message JobCompleted
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                JobCompleted.toObject = function toObject(message, options) {
                    if (!options)
                        options = {};
                    let object = {};
                    if (options.defaults) {
                        object.jobId = "";
                        object.queue = "";
                        object.type = "";
                        object.attempts = 0;
                        if (options.bytes === String)
                            object.result = "";
                        else {
                            object.result = [];
                            if (options.bytes !== Array)
                                object.result = $util.newBuffer(object.result);
                        }
                        object.resultContentType = "";
                        object.completedAt = "";
                        object.orderingKey = "";
                    }
                    if (message.jobId != null && message.hasOwnProperty("jobId"))
                        object.jobId = message.jobId;
                    if (message.queue != null && message.hasOwnProperty("queue"))
                        object.queue = message.queue;
                    if (message.type != null && message.hasOwnProperty("type"))
                        object.type = message.type;
                    if (message.attempts != null && message.hasOwnProperty("attempts"))
                        object.attempts = message.attempts;
                    if (message.result != null && message.hasOwnProperty("result"))
                        object.result = options.bytes === String ? $util.base64.encode(message.result, 0, message.result.length) : options.bytes === Array ? Array.prototype.slice.call(message.result) : message.result;
                    if (message.resultContentType != null && message.hasOwnProperty("resultContentType"))
                        object.resultContentType = message.resultContentType;
                    if (message.completedAt != null && message.hasOwnProperty("completedAt"))
                        object.completedAt = message.completedAt;
                    if (message.orderingKey != null && message.hasOwnProperty("orderingKey"))
                        object.orderingKey = message.orderingKey;
                    return object;
                };

                /**
                 * Converts this JobCompleted to JSON.
                 * @function toJSON
                 * @memberof commercebridge.queue.v1.JobCompleted
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                JobCompleted.prototype.toJSON = function toJSON() {
                    return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the default type url for JobCompleted
                 * @function getTypeUrl
                 * @memberof commercebridge.queue.v1.JobCompleted
                 * @static
                 * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
                 * @returns {string} The default type url
                 */
                JobCompleted.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                    if (typeUrlPrefix === undefined) {
                        typeUrlPrefix = "type.googleapis.com";
                    }
                    return typeUrlPrefix + "/commercebridge.queue.v1.JobCompleted";
                };

                return JobCompleted;
            })();

            return v1;
        })();

        return queue;
    })();

    return commercebridge;
})();

export { $root as default };
