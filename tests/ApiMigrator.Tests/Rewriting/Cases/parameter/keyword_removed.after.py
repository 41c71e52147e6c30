import asyncio


async def beat(loop):
    await asyncio.sleep(5)
