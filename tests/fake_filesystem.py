"""A Beam FileSystem for `fakefs://<absolute local path>` URLs: a remote scheme to Beam (paths go
through FileSystems, never os), backed by local files. Importing this module registers it, in
this process only (use the DirectRunner in_memory)."""

import os
import shutil

from apache_beam.io.filesystem import FileMetadata
from apache_beam.io.localfilesystem import LocalFileSystem

PREFIX = "fakefs://"


def url(path: str) -> str:
  return PREFIX + str(path)


def _local(path: str) -> str:
  assert path.startswith(PREFIX), path
  return path[len(PREFIX):]


def _meta(m: FileMetadata) -> FileMetadata:
  return FileMetadata(url(m.path), m.size_in_bytes, m.last_updated_in_seconds)


class FakeFileSystem(LocalFileSystem):

  @classmethod
  def scheme(cls):
    return "fakefs"

  def split(self, path):
    head, tail = super().split(_local(path))
    return url(head), tail

  def mkdirs(self, path):
    return super().mkdirs(_local(path))

  def _list(self, dir_or_prefix):
    for folder, _, names in os.walk(_local(dir_or_prefix)):
      for name in names:
        path = os.path.join(folder, name)
        yield FileMetadata(url(path), os.path.getsize(path), os.path.getmtime(path))

  def create(self, path, *args, **kwargs):
    return super().create(_local(path), *args, **kwargs)

  def open(self, path, *args, **kwargs):
    return super().open(_local(path), *args, **kwargs)

  def copy(self, sources, destinations):
    return super().copy([_local(p) for p in sources], [_local(p) for p in destinations])

  def rename(self, sources, destinations):
    return super().rename([_local(p) for p in sources], [_local(p) for p in destinations])

  def exists(self, path):
    return super().exists(_local(path))

  def size(self, path):
    return super().size(_local(path))

  def last_updated(self, path):
    return super().last_updated(_local(path))

  def checksum(self, path):
    return super().checksum(_local(path))

  def metadata(self, path):
    return _meta(super().metadata(_local(path)))

  def delete(self, paths):
    for path in map(_local, paths):
      if os.path.isdir(path):
        shutil.rmtree(path)
      else:
        os.remove(path)
