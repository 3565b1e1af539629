"""oslo's own routing decisions: the Python side of RoutingConfigInteropTests.

    /usr/bin/python3 interop/routing_peer.py --config FILE --cases JSON [--url URL]

Loads FILE as oslo.messaging's RoutingDriver loads ``routing_config``
(``yaml.safe_load``), and prints one JSON line, ``{"result": [[driver, ...], ...]}``:
for each ``[event_type, priority]`` of the JSON list, the drivers that
``RoutingDriver._get_drivers_for_message`` accepts across the groups, sorted, as
``RoutingDriver.notify`` gathers them. Nothing is sent; ``--url`` is accepted and
ignored, as the test support passes it to every script.
"""

import argparse
import json
import sys

import yaml

from oslo_messaging.notify import _impl_routing


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", required=True)
    parser.add_argument("--cases", required=True, type=json.loads)
    parser.add_argument("--url")
    args = parser.parse_args()
    with open(args.config) as config:
        groups = yaml.safe_load(config) or {}
    # The routing decision uses no state of the driver: no configuration, no transport.
    driver = _impl_routing.RoutingDriver.__new__(_impl_routing.RoutingDriver)
    result = []
    for event_type, priority in args.cases:
        accepted = set()
        for group in groups.values():
            accepted.update(driver._get_drivers_for_message(group, event_type, priority.lower()))
        result.append(sorted(accepted))
    print(json.dumps({"result": result}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
