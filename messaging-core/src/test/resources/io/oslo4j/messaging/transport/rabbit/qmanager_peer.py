"""oslo.messaging 18.3's QManager in a process group of its own: prints one queue-manager name
for each line read from its standard input. ModernQueueManagerTests takes names between them.

usage: qmanager_peer.py HOSTNAME PROCESSNAME LOCK_PATH
"""
import sys

from oslo_concurrency import lockutils
from oslo_messaging._drivers import amqpdriver


def main():
    hostname, processname, lock_path = sys.argv[1:4]
    lockutils.set_defaults(lock_path)
    manager = amqpdriver.QManager(hostname=hostname, processname=processname)
    print('READY', flush=True)
    for _ in sys.stdin:
        print(manager.get(), flush=True)


if __name__ == '__main__':
    main()
