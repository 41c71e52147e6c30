class Optional:
    pass


x = Optional[int]
